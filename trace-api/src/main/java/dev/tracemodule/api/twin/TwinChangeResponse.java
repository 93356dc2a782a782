package dev.tracemodule.api.twin;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A change in an object's history, with each field's value before and after it.
 *
 * @param revision the revision it made
 * @param typeVersion the type version it was written with
 */
public record TwinChangeResponse(long revision, UUID changeId, Instant timestamp, int typeVersion,
    Map<String, FieldChange> fields, UUID traceId, UUID eventId, String spanId) {

  public record FieldChange(Object before, Object after) {}
}
