package dev.tracemodule.web.rest;

import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.SpanPageResponse;
import dev.tracemodule.api.SpanQuery;
import dev.tracemodule.api.TraceManagementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Spans imported over OTLP, searched across traces. */
@Path("/spans")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SpanResource {

  @Inject TraceManagementService traces;

  @GET
  @Operation(summary = "Find spans by service, name, attributes, duration and status, newest first")
  public SpanPageResponse find(
      @Parameter(description = "started at or after (ISO-8601); default an hour before to") @QueryParam("from")
          String from,
      @Parameter(description = "started before (ISO-8601); default now; at most 31 days after from")
          @QueryParam("to")
          String to,
      @Parameter(description = "the service.name resource attribute") @QueryParam("service") String service,
      @Parameter(description = "the span name, exactly") @QueryParam("name") String name,
      @Parameter(description = "key=value, repeatable; all must match, values compared as text")
          @QueryParam("attribute")
          List<String> attributes,
      @QueryParam("minDurationMs") String minDurationMs,
      @Parameter(description = "true: status error; false: the others") @QueryParam("error") String error,
      @Parameter(description = "32 hex digits") @QueryParam("otelTraceId") String otelTraceId,
      @Parameter(description = "the nextCursor of the previous page") @QueryParam("cursor") String cursor,
      @Parameter(description = "1 to 1000, default 100") @QueryParam("size") String size) {
    return traces.findSpans(new SpanQuery(
        Params.instant("from", from),
        Params.instant("to", to),
        service,
        name,
        attributeEquals(attributes),
        Params.number("minDurationMs", minDurationMs),
        Params.bool("error", error),
        otelTraceId,
        cursor,
        Params.integer("size", size, SpanQuery.DEFAULT_SIZE)));
  }

  private static Map<String, String> attributeEquals(List<String> attributes) {
    Map<String, String> equals = new LinkedHashMap<>();
    for (String attribute : attributes == null ? List.<String>of() : attributes) {
      int split = attribute.indexOf('=');
      if (split <= 0) {
        throw new InvalidInputException("attribute", "must be key=value, such as http.route=/orders/{id}");
      }
      equals.put(attribute.substring(0, split), attribute.substring(split + 1));
    }
    return equals;
  }
}
