package dev.tracemodule.application.query;

import dev.tracemodule.api.AggregateMeasure;
import dev.tracemodule.api.AggregateRowResponse;
import dev.tracemodule.api.TraceAggregation;
import dev.tracemodule.api.TraceFilter;
import dev.tracemodule.api.TracePageRequest;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceQueryResult;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.Grouping;
import dev.tracemodule.domain.query.Measure;
import dev.tracemodule.domain.query.PageCursor;
import dev.tracemodule.domain.query.TraceListRequest;
import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceSort;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/**
 * Maps a query between the API and the domain. Errors name their field as the REST body does:
 * {@code filter.startedTo}, {@code aggregation.groupBy[1]}, {@code page.cursor}.
 */
@Mapper
public interface QueryMapper {

  default QueryTraces toQuery(TenantId tenant, TraceFilter filter, TraceAggregation aggregation, TracePageRequest page) {
    TraceFilter all = filter == null ? TraceFilter.all() : filter;
    FieldChecks checks = new FieldChecks();
    var domainFilter = under("filter.", () -> toFilter(tenant, all), checks);
    var domainAggregation = aggregation == null ? null : under("aggregation.", () -> toAggregation(aggregation), checks);
    var list = under("page.", () -> toListRequest(page == null ? TracePageRequest.first(TracePageRequest.DEFAULT_SIZE) : page), checks);
    checks.throwIfAny();
    return new QueryTraces(domainFilter, domainAggregation, list);
  }

  private static <T> T under(String prefix, java.util.function.Supplier<T> mapping, FieldChecks checks) {
    try {
      return mapping.get();
    } catch (InvalidValueException e) {
      checks.add(e.under(prefix));
      return null;
    }
  }

  @Mapping(target = "tenantId", source = "tenant")
  @Mapping(target = "metadataContains", expression = "java(metadata(filter.metadataContains()))")
  dev.tracemodule.domain.query.TraceFilter toFilter(TenantId tenant, TraceFilter filter);

  default JsonMap metadata(Map<String, Object> json) {
    return JsonMap.of(json, "metadataContains");
  }

  default Aggregation toAggregation(TraceAggregation aggregation) {
    List<Grouping> groups = new ArrayList<>();
    List<String> groupBy = aggregation.groupBy() == null ? List.of() : aggregation.groupBy();
    FieldChecks checks = new FieldChecks();
    for (int i = 0; i < groupBy.size(); i++) {
      int index = i;
      Grouping grouping = under("", () -> Grouping.parse(groupBy.get(index), "groupBy[" + index + "]"), checks);
      groups.add(grouping);
    }
    checks.throwIfAny();
    Set<Measure> measures = EnumSet.noneOf(Measure.class);
    if (aggregation.measures() != null) {
      for (AggregateMeasure measure : aggregation.measures()) {
        if (measure == null) {
          throw new InvalidValueException("measures", "must not hold null");
        }
        measures.add(Measure.valueOf(measure.name()));
      }
    }
    return new Aggregation(groups, measures);
  }

  default TraceListRequest toListRequest(TracePageRequest page) {
    TraceQuery.SortField field = page.sortBy() == null ? TraceQuery.SortField.STARTED_AT : page.sortBy();
    boolean descending = page.direction() != TraceQuery.SortDirection.ASC;
    TraceSort sort = new TraceSort(TraceSort.Field.valueOf(field.name()), descending);
    PageCursor after = null;
    if (page.cursor() != null) {
      after = PageCursor.decode(page.cursor());
      if (page.sortBy() == null && page.direction() == null) {
        sort = after.sort(); // a cursor alone carries its order
      }
    }
    return new TraceListRequest(page.page(), page.size(), after, sort);
  }

  default TraceQueryResult toResult(TracesFound found, Function<Trace, TraceResponse> traces) {
    var slice = found.slice();
    TraceListRequest asked = found.asked();
    return new TraceQueryResult(
        slice.items().stream().map(traces).toList(),
        asked.byCursor() ? null : asked.page(),
        asked.size(),
        slice.totalItems(),
        slice.next() == null ? null : slice.next().encode(),
        found.aggregates().stream().map(this::toResponse).toList());
  }

  AggregateRowResponse toResponse(AggregateRow row);
}
