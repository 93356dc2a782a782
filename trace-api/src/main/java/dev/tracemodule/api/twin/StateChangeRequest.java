package dev.tracemodule.api.twin;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A change of an object's state. The first change of an object creates it, every field at its
 * type's default. Changes apply in timestamp order whatever order they arrive in, so that history
 * can be back-filled.
 *
 * @param id optional client-chosen id (a UUID): a retry of a recorded change records nothing
 * @param type the object's registered type; the change is checked against its latest version
 * @param changes the fields that change and their new values
 * @param traceId the trace (process) that made the change, or null; an active trace also gets
 *     the change as a {@code state_change} event
 * @param timestamp when the change happened; defaults to now
 * @param eventId the event of the trace whose call made the change (the function), or null
 * @param spanId the OpenTelemetry span of that call, 16 hex digits, or null
 */
public record StateChangeRequest(UUID id, String type, Map<String, Object> changes, UUID traceId, Instant timestamp,
    UUID eventId, String spanId) {

  public static StateChangeRequest of(String type, Map<String, Object> changes) {
    return new StateChangeRequest(null, type, changes, null, null, null, null);
  }
}
