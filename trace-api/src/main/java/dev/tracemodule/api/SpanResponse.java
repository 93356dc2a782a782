package dev.tracemodule.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A span found by a search: where it is stored (its trace and event), its OpenTelemetry ids, and
 * what it recorded.
 *
 * @param kind {@code internal}, {@code server}, {@code client}, {@code producer}, {@code consumer}
 *     or {@code unspecified}
 * @param status {@code unset}, {@code ok} or {@code error}
 */
public record SpanResponse(
    UUID traceId,
    UUID eventId,
    UUID parentEventId,
    String otelTraceId,
    String spanId,
    String parentSpanId,
    String name,
    String service,
    String kind,
    String status,
    String statusMessage,
    Instant startedAt,
    Double durationMs,
    Map<String, Object> attributes) {}
