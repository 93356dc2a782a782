package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change of an object's state: an event of type {@code state_change} at three coordinates, the
 * process (its trace), the object, and the function (the event or span of the call that made
 * it). Immutable. Changes of an object apply in the order of {@link #position()}: their time,
 * then the order they were recorded in.
 *
 * @param id the change's own id, which is also its event's id in the trace
 * @param changes the fields it sets, in canonical form, under {@code typeVersion}
 * @param sequence the order it was recorded in among all changes; 0 before it is stored
 * @param traceId the process, or null
 * @param callEventId the event of the trace whose call made the change, or null
 * @param spanId the OpenTelemetry span of that call (16 hex digits), or null
 */
public record StateChange(
    TenantId tenantId,
    ObjectId objectId,
    EventId id,
    TwinTypeName typeName,
    int typeVersion,
    Map<String, Object> changes,
    Instant occurredAt,
    long sequence,
    TraceId traceId,
    EventId callEventId,
    String spanId) {

  public StateChange {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(occurredAt, "occurredAt");
    changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }

  public Position position() {
    return new Position(occurredAt, sequence);
  }

  public StateChange storedAs(long sequence) {
    return new StateChange(tenantId, objectId, id, typeName, typeVersion, changes, occurredAt, sequence, traceId,
        callEventId, spanId);
  }

  /** Where a change stands in its object's history: by time, then by the order recorded. */
  public record Position(Instant at, long sequence) implements Comparable<Position> {
    public static final Position START = new Position(Instant.MIN, Long.MIN_VALUE);

    public Position {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public int compareTo(Position other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    public boolean isAfter(Position other) {
      return compareTo(other) > 0;
    }
  }
}
