package dev.tracemodule.web.otlp;

import dev.tracemodule.web.problem.BodySizeLimit;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The OTLP/HTTP receiver at {@code /v1}, where OpenTelemetry SDKs and Collectors send by default
 * ({@code /v1/traces}, {@code /v1/logs}): point {@code OTEL_EXPORTER_OTLP_ENDPOINT} at the server.
 */
@ApplicationPath("v1")
public class OtlpApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(OtlpResource.class, BodySizeLimit.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.disableJsonb", true, "jersey.config.jsonFeature", "none");
  }
}
