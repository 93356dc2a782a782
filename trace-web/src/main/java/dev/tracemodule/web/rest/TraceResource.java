package dev.tracemodule.web.rest;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.FailTraceRequest;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceDetailsResponse;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TracePageResponse;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.api.TraceStatus;
import dev.tracemodule.api.TraceType;
import dev.tracemodule.api.twin.TraceTwinResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Traces: create, list, read, end and delete. */
@Path("/traces")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TraceResource {

  private static final Map<String, TraceQuery.SortField> SORT_FIELDS =
      Map.of(
          "startedAt", TraceQuery.SortField.STARTED_AT,
          "completedAt", TraceQuery.SortField.COMPLETED_AT,
          "duration", TraceQuery.SortField.DURATION,
          "durationMs", TraceQuery.SortField.DURATION,
          "name", TraceQuery.SortField.NAME,
          "type", TraceQuery.SortField.TYPE,
          "status", TraceQuery.SortField.STATUS);

  @Inject TraceManagementService traces;

  @POST
  @Operation(summary = "Start a trace")
  public Response create(CreateTraceRequest request, @Context UriInfo uri) {
    TraceResponse created = traces.createTrace(request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @Operation(summary = "List traces, newest first unless sorted otherwise")
  public TracePageResponse list(
      @QueryParam("contextId") String contextId,
      @Parameter(description = "repeatable, or comma-separated") @QueryParam("type") List<String> types,
      @Parameter(description = "repeatable, or comma-separated") @QueryParam("status") List<String> statuses,
      @Parameter(description = "started at or after (ISO-8601)") @QueryParam("from") String from,
      @Parameter(description = "started before (ISO-8601)") @QueryParam("to") String to,
      @QueryParam("hasErrors") String hasErrors,
      @Parameter(description = "traces carrying all of these tags") @QueryParam("tag") List<String> tags,
      @Parameter(description = "from 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 1000, default 20") @QueryParam("size") String size,
      @Parameter(description = "field[,asc|desc]: startedAt, completedAt, duration, name, type, status")
          @QueryParam("sort")
          String sort,
      @Parameter(description = "traces of this OpenTelemetry trace (32 hex digits)") @QueryParam("otelTraceId")
          String otelTraceId) {
    String[] sortParts = sort == null || sort.isBlank() ? new String[0] : sort.split(",", -1);
    TraceQuery query =
        new TraceQuery(
            contextId == null || contextId.isBlank() ? null : contextId,
            Params.enums("type", types, TraceType.class),
            Params.enums("status", statuses, TraceStatus.class),
            Params.instant("from", from),
            Params.instant("to", to),
            Params.bool("hasErrors", hasErrors),
            Params.strings(tags),
            sortField(sortParts),
            sortDirection(sortParts),
            Params.integer("page", page, 0),
            Params.integer("size", size, TraceQuery.DEFAULT_SIZE),
            otelTraceId == null || otelTraceId.isBlank() ? null : otelTraceId);
    return traces.queryTraces(query);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A trace with its events and summary")
  public TraceDetailsResponse get(@PathParam("id") String id) {
    return traces.getTrace(Params.uuid("id", id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a trace and its events")
  public Response delete(@PathParam("id") String id) {
    traces.deleteTrace(Params.uuid("id", id));
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/twins")
  @Operation(summary = "The objects the trace changed, with their states before and after it")
  public List<TraceTwinResponse> twins(@PathParam("id") String id) {
    return traces.getTraceTwins(Params.uuid("id", id));
  }

  @POST
  @Path("/{id}/complete")
  @Operation(summary = "End an active trace as completed")
  public TraceResponse complete(@PathParam("id") String id) {
    return traces.completeTrace(Params.uuid("id", id));
  }

  @POST
  @Path("/{id}/fail")
  @Operation(summary = "End an active trace as failed, with a reason")
  public TraceResponse fail(@PathParam("id") String id, FailTraceRequest request) {
    return traces.failTrace(Params.uuid("id", id), request);
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(summary = "End an active trace as cancelled")
  public TraceResponse cancel(@PathParam("id") String id) {
    return traces.cancelTrace(Params.uuid("id", id));
  }

  private static TraceQuery.SortField sortField(String[] sort) {
    if (sort.length == 0) {
      return null;
    }
    TraceQuery.SortField field = SORT_FIELDS.get(sort[0].strip());
    if (field == null || sort.length > 2) {
      throw new InvalidInputException(
          "sort", "must be field[,asc|desc] with field one of: startedAt, completedAt, duration, name, type, status");
    }
    return field;
  }

  private static TraceQuery.SortDirection sortDirection(String[] sort) {
    return sort.length == 2 ? Params.enumValue("sort", sort[1], TraceQuery.SortDirection.class) : null;
  }
}
