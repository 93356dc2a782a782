package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import dev.tracemodule.domain.shared.ObjectId;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened during a trace. Immutable: once recorded, an event is history. New
 * events come from {@link Trace#recordEvent}, which checks the trace's rules; the constructor is
 * for restoring events that were recorded earlier.
 *
 * @param parentEventId the event this one happened within, or null
 * @param message free text, or null
 * @param timestamp when it happened, to the microsecond
 * @param durationMs how long it took in milliseconds, or null when it is a point in time
 * @param objectId the object (ObjectTwin) the event concerns, or null
 */
public record Event(
    TenantId tenantId,
    TraceId traceId,
    EventId id,
    EventId parentEventId,
    String type,
    EventLevel level,
    String message,
    JsonMap data,
    Instant timestamp,
    Double durationMs,
    ObjectId objectId) {

  public Event {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(level, "level");
    data = Objects.requireNonNullElse(data, JsonMap.EMPTY);
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** An event that concerns no object in particular. */
  public Event(TenantId tenantId, TraceId traceId, EventId id, EventId parentEventId, String type, EventLevel level,
      String message, JsonMap data, Instant timestamp, Double durationMs) {
    this(tenantId, traceId, id, parentEventId, type, level, message, data, timestamp, durationMs, null);
  }

  static Event recorded(TenantId tenantId, TraceId traceId, EventId id, NewEvent what, Instant at) {
    return new Event(
        tenantId,
        traceId,
        id,
        what.parentId(),
        what.type(),
        what.level(),
        what.message(),
        what.data(),
        at,
        what.durationMs(),
        what.objectId());
  }

  public Optional<EventId> parentId() {
    return Optional.ofNullable(parentEventId);
  }

  public boolean isError() {
    return level.isError();
  }

  public boolean hasData() {
    return !data.isEmpty();
  }

  public boolean belongsTo(TraceId trace) {
    return traceId.equals(trace);
  }

  /** One line for logs and consoles: {@code [ERROR] payment_declined: card expired (12.5 ms)}. */
  public String formattedMessage() {
    StringBuilder line = new StringBuilder(64);
    line.append('[').append(level.name()).append("] ").append(type);
    if (message != null) {
      line.append(": ").append(message);
    }
    if (durationMs != null) {
      line.append(" (").append(durationMs).append(" ms)");
    }
    return line.toString();
  }
}
