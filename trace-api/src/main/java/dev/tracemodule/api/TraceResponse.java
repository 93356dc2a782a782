package dev.tracemodule.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A trace as stored.
 *
 * @param completedAt when it ended; null while active
 * @param durationMs from start to end in milliseconds; null while active
 * @param failureReason why it failed; null unless it did
 * @param otelTraceId the OpenTelemetry trace it belongs to (32 hex digits), or null
 * @param otelSpanId the OpenTelemetry span it was created in (16 hex digits): the caller's for a trace
 *     created through the API, the root span for one imported over OTLP; or null
 */
public record TraceResponse(
    UUID id,
    String contextId,
    String executionId,
    TraceType type,
    String name,
    String description,
    TraceStatus status,
    Map<String, Object> metadata,
    List<String> tags,
    Instant startedAt,
    Instant completedAt,
    Double durationMs,
    String failureReason,
    String otelTraceId,
    String otelSpanId) {}
