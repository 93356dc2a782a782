package dev.tracemodule.web.rest;

import dev.tracemodule.api.DashboardMetric;
import dev.tracemodule.api.DashboardResponse;
import dev.tracemodule.api.MetricType;
import dev.tracemodule.api.MetricsResponse;
import dev.tracemodule.api.TimeRange;
import dev.tracemodule.api.TraceManagementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Figures over traces, computed by the database: {@code /api/v1/metrics} and {@code
 * /api/v1/dashboard}. (The server's own MicroProfile Metrics are at {@code /metrics}.)
 */
@Path("")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

  @Inject TraceManagementService traces;

  @GET
  @Path("/metrics")
  @Operation(summary = "Request count, response times, error rate, active traces, event rate and the server's own figures")
  public MetricsResponse metrics(
      @Parameter(description = "traces started at or after (ISO-8601); default: an hour before 'to'") @QueryParam("from") String from,
      @Parameter(description = "traces started before (ISO-8601); default: now") @QueryParam("to") String to,
      @Parameter(description = "repeatable, or comma-separated: request_count, response_time, error_rate,"
          + " active_traces, event_rate, system; default: all") @QueryParam("types") List<String> types) {
    return traces.getMetrics(range(from, to), Params.enums("types", types, MetricType.class));
  }

  @GET
  @Path("/dashboard")
  @Operation(summary = "Summary, time series, top errors and trends over the traces started in a range")
  public DashboardResponse dashboard(
      @Parameter(description = "traces started at or after (ISO-8601); default: a day before 'to'") @QueryParam("from") String from,
      @Parameter(description = "traces started before (ISO-8601); default: now") @QueryParam("to") String to,
      @Parameter(description = "repeatable, or comma-separated: trace_count, avg_duration, p95_duration,"
          + " error_rate, event_count; default: all") @QueryParam("metrics") List<String> metrics,
      @Parameter(description = "the time series' bucket: 1m, 5m, 1h (default) or 1d") @QueryParam("groupBy") String groupBy) {
    return traces.getDashboardData(
        range(from, to), Params.enums("metrics", metrics, DashboardMetric.class), groupBy);
  }

  private static TimeRange range(String from, String to) {
    return new TimeRange(Params.instant("from", from), Params.instant("to", to));
  }
}
