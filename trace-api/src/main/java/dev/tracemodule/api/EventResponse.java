package dev.tracemodule.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event as stored. {@code durationMs}, {@code parentEventId} and {@code objectId} (the
 * ObjectTwin it concerns) may be null.
 */
public record EventResponse(
    UUID id,
    UUID traceId,
    UUID parentEventId,
    String type,
    EventLevel level,
    String message,
    Map<String, Object> data,
    Instant timestamp,
    Double durationMs,
    String objectId) {}
