package dev.tracemodule.api;

import java.time.Instant;
import java.util.Map;

/**
 * Which spans to find among those imported over OTLP, newest first. Null members do not filter.
 *
 * @param from spans that started at or after this instant; null: an hour before {@code to}
 * @param to spans that started before this instant; null: now. At most 31 days after {@code from}
 * @param service the {@code service.name} of the span's resource
 * @param name the span's name, exactly
 * @param attributes span attributes that must have these values (compared as text, so {@code
 *     "500"} matches the number 500)
 * @param minDurationMs spans that lasted at least this many milliseconds
 * @param error true: spans whose status is error; false: the others
 * @param otelTraceId spans of this OpenTelemetry trace (32 hex digits)
 * @param cursor the {@code nextCursor} of the previous page, or null for the first
 * @param size 1 to {@link #MAX_SIZE}; null: {@link #DEFAULT_SIZE}
 */
public record SpanQuery(
    Instant from,
    Instant to,
    String service,
    String name,
    Map<String, String> attributes,
    Double minDurationMs,
    Boolean error,
    String otelTraceId,
    String cursor,
    Integer size) {

  public static final int DEFAULT_SIZE = 100;
  public static final int MAX_SIZE = 1_000;

  /** The newest spans of the last hour. */
  public static SpanQuery lastHour() {
    return new SpanQuery(null, null, null, null, null, null, null, null, null, null);
  }
}
