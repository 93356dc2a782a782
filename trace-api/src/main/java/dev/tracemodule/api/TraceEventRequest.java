package dev.tracemodule.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event of a batch that spans traces: a {@link RecordEventRequest} that names its trace.
 *
 * @param traceId required: the active trace the event belongs to
 * @see RecordEventRequest for the other fields and their rules
 */
public record TraceEventRequest(
    UUID traceId,
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
  public TraceEventRequest(UUID traceId, UUID id, String type, EventLevel level, String message,
      Map<String, Object> data, Instant timestamp, Double durationMs, UUID parentEventId) {
    this(traceId, id, type, level, message, data, timestamp, durationMs, parentEventId, null);
  }

  /** The event, without its trace. */
  public RecordEventRequest event() {
    return new RecordEventRequest(id, type, level, message, data, timestamp, durationMs, parentEventId, objectId);
  }
}
