package dev.tracemodule.web.rest;

import dev.tracemodule.api.AggregateMeasure;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceAggregation;
import dev.tracemodule.api.TraceFilter;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TracePageRequest;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceQueryResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Queries with every filter, aggregations and cursors: {@code POST /api/v1/traces/query}. */
@Path("/traces/query")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TraceQueryResource {

  private static final Map<String, AggregateMeasure> MEASURES =
      Map.of(
          "count", AggregateMeasure.COUNT,
          "avgDuration", AggregateMeasure.AVG_DURATION,
          "minDuration", AggregateMeasure.MIN_DURATION,
          "maxDuration", AggregateMeasure.MAX_DURATION,
          "p50Duration", AggregateMeasure.P50_DURATION,
          "p95Duration", AggregateMeasure.P95_DURATION,
          "p99Duration", AggregateMeasure.P99_DURATION,
          "errorRate", AggregateMeasure.ERROR_RATE,
          "eventsByLevel", AggregateMeasure.EVENTS_BY_LEVEL);

  private static final Map<String, TraceQuery.SortField> SORTS =
      Map.of("startedAt", TraceQuery.SortField.STARTED_AT, "duration", TraceQuery.SortField.DURATION,
          "completedAt", TraceQuery.SortField.COMPLETED_AT, "name", TraceQuery.SortField.NAME,
          "type", TraceQuery.SortField.TYPE, "status", TraceQuery.SortField.STATUS);

  @Inject TraceManagementService traces;

  /** The body: all three members may be left out. */
  public record QueryBody(TraceFilter filter, AggregationBody aggregation, PageBody page) {}

  /** {@code measures} by their camelCase names: count, avgDuration, p95Duration, errorRate, ... */
  public record AggregationBody(List<String> groupBy, List<String> measures) {}

  /** {@code sortBy}: startedAt (default) or duration, which a cursor can follow; direction asc or desc. */
  public record PageBody(Integer page, Integer size, String cursor, String sortBy, String direction) {}

  @POST
  @Operation(summary = "Find traces by any filter, aggregate them in the database, page by number or by cursor")
  public TraceQueryResult query(QueryBody body) {
    QueryBody query = body == null ? new QueryBody(null, null, null) : body;
    return traces.queryTraces(
        query.filter() == null ? TraceFilter.all() : query.filter(),
        aggregation(query.aggregation()),
        page(query.page()));
  }

  private static TraceAggregation aggregation(AggregationBody body) {
    if (body == null) {
      return null;
    }
    Set<AggregateMeasure> measures = EnumSet.noneOf(AggregateMeasure.class);
    List<InvalidInputException.FieldViolation> unknown = new ArrayList<>();
    List<String> names = body.measures() == null ? List.of() : body.measures();
    for (int i = 0; i < names.size(); i++) {
      AggregateMeasure measure = names.get(i) == null ? null : MEASURES.get(names.get(i));
      if (measure == null) {
        unknown.add(new InvalidInputException.FieldViolation("aggregation.measures[" + i + "]",
            "must be one of count, avgDuration, minDuration, maxDuration, p50Duration, p95Duration,"
                + " p99Duration, errorRate, eventsByLevel"));
      } else {
        measures.add(measure);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(unknown, null);
    }
    return new TraceAggregation(body.groupBy(), measures);
  }

  private static TracePageRequest page(PageBody body) {
    if (body == null) {
      return null;
    }
    TraceQuery.SortField sortBy = null;
    if (body.sortBy() != null) {
      sortBy = SORTS.get(body.sortBy());
      if (sortBy == null) {
        throw new InvalidInputException("page.sortBy",
            "must be one of startedAt, duration, completedAt, name, type, status");
      }
    }
    TraceQuery.SortDirection direction = null;
    if (body.direction() != null) {
      direction = Params.enumValue("page.direction", body.direction(), TraceQuery.SortDirection.class);
    }
    return new TracePageRequest(
        body.page() == null ? 0 : body.page(),
        body.size() == null ? TracePageRequest.DEFAULT_SIZE : body.size(),
        body.cursor(), sortBy, direction);
  }
}
