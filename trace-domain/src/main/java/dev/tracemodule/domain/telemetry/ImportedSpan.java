package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.shared.JsonMap;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A span as OpenTelemetry sent it, ids in lower-case hex.
 *
 * @param parentSpanId null for a root span
 * @param kind {@code internal}, {@code server}, {@code client}, {@code producer}, {@code consumer}
 *     or {@code unspecified}
 * @param status {@code unset}, {@code ok} or {@code error}
 * @param resource the attributes of the resource that sent it ({@code service.name}, …)
 */
public record ImportedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    Instant start,
    Instant end,
    String status,
    String statusMessage,
    JsonMap attributes,
    JsonMap resource,
    String scope,
    List<SpanEvent> events,
    List<SpanLink> links) {

  public ImportedSpan {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    attributes = Objects.requireNonNullElse(attributes, JsonMap.EMPTY);
    resource = Objects.requireNonNullElse(resource, JsonMap.EMPTY);
    events = events == null ? List.of() : List.copyOf(events);
    links = links == null ? List.of() : List.copyOf(links);
  }

  public boolean isRoot() {
    return parentSpanId == null;
  }

  public boolean isError() {
    return "error".equals(status);
  }

  /** A timed event inside a span (an exception, a log line). */
  public record SpanEvent(String name, Instant time, JsonMap attributes) {}

  /** A link to a span of another trace (or of this one). */
  public record SpanLink(String traceId, String spanId, JsonMap attributes) {}
}
