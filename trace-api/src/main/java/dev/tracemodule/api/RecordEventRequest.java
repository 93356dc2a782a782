package dev.tracemodule.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event to record in a trace.
 *
 * @param id optional client-chosen id, so later events of the same batch can name it as parent
 * @param level defaults to {@code INFO}
 * @param data any JSON object
 * @param timestamp when it happened; defaults to when it is recorded
 * @param durationMs how long it took, in milliseconds
 * @param parentEventId an event of the same trace this one happened within
 */
public record RecordEventRequest(
    UUID id,
    @NotBlank @Size(max = 255) String type,
    EventLevel level,
    @Size(max = 32000) String message,
    Map<String, Object> data,
    Instant timestamp,
    @PositiveOrZero Double durationMs,
    UUID parentEventId) {}
