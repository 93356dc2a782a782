package dev.tracemodule.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event to record in a trace.
 *
 * @param id optional client-chosen id, so later events of the same batch can name it as parent
 * @param type required, at most 255 characters
 * @param level defaults to {@code INFO}
 * @param message at most 32,000 characters
 * @param data any JSON object
 * @param timestamp when it happened; defaults to when it is recorded
 * @param durationMs how long it took, in milliseconds; at least 0
 * @param parentEventId an event of the same trace this one happened within
 * @param objectId the object (an ObjectTwin's id) the event concerns; by default the object of
 *     the anchor the event is recorded inside, if any
 */
public record RecordEventRequest(
    UUID id,
    String type,
    EventLevel level,
    String message,
    Map<String, Object> data,
    Instant timestamp,
    Double durationMs,
    UUID parentEventId,
    String objectId) {

  /** An event that names no object itself. */
  public RecordEventRequest(UUID id, String type, EventLevel level, String message, Map<String, Object> data,
      Instant timestamp, Double durationMs, UUID parentEventId) {
    this(id, type, level, message, data, timestamp, durationMs, parentEventId, null);
  }
}
