package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.trace.Event;
import java.util.Map;

/**
 * A span read back from the event it became: the OpenTelemetry ids, name, service, timing and
 * status, and the attributes it carried.
 */
public record FoundSpan(
    Event event,
    String otelTraceId,
    String spanId,
    String parentSpanId,
    String service,
    String kind,
    String status,
    String statusMessage,
    Map<String, Object> attributes) {

  /** The span an event of type {@value ImportedTrace#SPAN_EVENT_TYPE} holds. */
  public static FoundSpan of(Event event) {
    Map<String, Object> otel = mapAt(event.data().get("otel"));
    Map<String, Object> resource = mapAt(event.data().get("resource"));
    return new FoundSpan(event, text(otel.get("traceId")), text(otel.get("spanId")), text(otel.get("parentSpanId")),
        text(resource.get("service.name")), text(otel.get("kind")), text(otel.get("status")),
        text(otel.get("statusMessage")), mapAt(event.data().get("attributes")));
  }

  public String name() {
    return event.message();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
