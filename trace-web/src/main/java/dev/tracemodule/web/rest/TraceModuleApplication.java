package dev.tracemodule.web.rest;

import dev.tracemodule.web.config.JsonMapping;
import dev.tracemodule.web.problem.BodySizeLimit;
import dev.tracemodule.web.problem.ProblemMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API under {@code /api/v1}. Classes are listed so no other JSON provider sneaks in. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Trace Module",
            version = "v1",
            description = "Traces, events and their lifecycle. Errors are RFC 9457 problem details."))
public class TraceModuleApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        TraceResource.class,
        EventResource.class,
        BatchEventResource.class,
        TraceQueryResource.class,
        MetricsResource.class,
        ExportResource.class,
        TwinTypeResource.class,
        TwinResource.class,
        SpanResource.class,
        TwinBaggageFilter.class,
        TraceparentFilter.class,
        JsonMapping.class,
        ProblemMapper.class,
        BodySizeLimit.class);
  }

  /**
   * Jersey would otherwise also offer its JSON-B provider for application/json and may pick it
   * over ours. Other JAX-RS runtimes ignore these keys.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.disableJsonb", true, "jersey.config.disableMoxyJson", true);
  }
}
