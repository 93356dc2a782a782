package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.JsonMap;
import java.time.Instant;
import dev.tracemodule.domain.shared.ObjectId;
import java.util.Objects;

/**
 * What a caller says happened. The optional id lets a client name its events (so that later events
 * of the same batch can point at them as parents); the optional timestamp defaults to now.
 *
 * @param objectId the object the event concerns (an ObjectTwin), or null
 */
public record NewEvent(
    EventId id,
    String type,
    EventLevel level,
    String message,
    JsonMap data,
    Instant timestamp,
    Double durationMs,
    EventId parentId,
    ObjectId objectId) {

  public static final int MAX_TYPE_LENGTH = 255;
  public static final int MAX_MESSAGE_LENGTH = 32_000;

  public NewEvent {
    FieldChecks checks = new FieldChecks();
    type = checks.requiredText("type", type, MAX_TYPE_LENGTH);
    level = Objects.requireNonNullElse(level, EventLevel.INFO);
    message = checks.optionalText("message", message, MAX_MESSAGE_LENGTH);
    data = Objects.requireNonNullElse(data, JsonMap.EMPTY);
    checks.check(
        durationMs == null || (!durationMs.isNaN() && !durationMs.isInfinite() && durationMs >= 0),
        "durationMs",
        "must be a finite number of at least 0");
    checks.check(id == null || !id.equals(parentId), "parentEventId", "an event cannot be its own parent");
    checks.throwIfAny();
  }

  /** An event that concerns no object in particular. */
  public NewEvent(EventId id, String type, EventLevel level, String message, JsonMap data, Instant timestamp,
      Double durationMs, EventId parentId) {
    this(id, type, level, message, data, timestamp, durationMs, parentId, null);
  }

  /** {@code event}, concerning {@code object} unless it names an object already. */
  public static NewEvent concerning(NewEvent event, ObjectId object) {
    return event.objectId != null || object == null ? event
        : new NewEvent(event.id, event.type, event.level, event.message, event.data, event.timestamp,
            event.durationMs, event.parentId, object);
  }
}
