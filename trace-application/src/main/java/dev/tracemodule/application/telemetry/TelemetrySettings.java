package dev.tracemodule.application.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How OTLP data maps: which resource attribute names a trace's context. */
@ApplicationScoped
public class TelemetrySettings {

  private String contextAttribute = "service.name";

  protected TelemetrySettings() {}

  @Inject
  public TelemetrySettings(
      @ConfigProperty(name = "trace.otlp.context-attribute", defaultValue = "service.name") String contextAttribute) {
    this.contextAttribute = contextAttribute;
  }

  public String contextAttribute() {
    return contextAttribute;
  }
}
