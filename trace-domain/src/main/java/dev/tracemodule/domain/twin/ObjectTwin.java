package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.StateConflictException;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object whose state is the result of its changes, applied in the order of their {@link
 * StateChange#position() positions}. It starts at its type's defaults with revision 0; each change
 * makes the next revision. A change written under a newer version of the type carries the state
 * over to that version first ({@link TwinType#carryOver}); the object stays of one type.
 *
 * <p>The same rules rebuild any past state: start from a {@link Snapshot} taken earlier (or from
 * the defaults) and apply the changes that follow it.
 */
public final class ObjectTwin {

  private final TenantId tenantId;
  private final ObjectId id;
  private final TwinTypeName typeName;
  private int typeVersion;
  private final Map<String, Object> state;
  private long revision;
  private StateChange.Position position;
  private EventId lastChangeId;
  private TraceId lastTraceId;

  private ObjectTwin(Snapshot from) {
    this.tenantId = from.tenantId();
    this.id = from.objectId();
    this.typeName = from.typeName();
    this.typeVersion = from.typeVersion();
    this.state = new LinkedHashMap<>(from.state());
    this.revision = from.revision();
    this.position = from.position();
    this.lastChangeId = from.lastChangeId();
    this.lastTraceId = from.lastTraceId();
  }

  /** An object before its first change: every field at its default. */
  public static ObjectTwin create(TenantId tenantId, ObjectId id, TwinType type) {
    return new ObjectTwin(new Snapshot(tenantId, id, type.name(), type.version(), type.defaults(), 0,
        StateChange.Position.START, null, null));
  }

  public static ObjectTwin restore(Snapshot stored) {
    return new ObjectTwin(stored);
  }

  public Snapshot snapshot() {
    return new Snapshot(tenantId, id, typeName, typeVersion, state, revision, position, lastChangeId, lastTraceId);
  }

  /**
   * Applies a change that comes after every change applied so far; one that comes earlier must
   * be replayed from a state before it.
   */
  public AppliedChange apply(StateChange change, TypeVersions types) {
    if (!change.typeName().equals(typeName)) {
      throw new StateConflictException("object " + id + " is a " + typeName + ", not a " + change.typeName());
    }
    if (!change.position().isAfter(position)) {
      throw new IllegalStateException("change " + change.id() + " does not come after revision " + revision);
    }
    int versionBefore = typeVersion;
    if (change.typeVersion() != typeVersion) {
      TwinType now = types.version(typeName, change.typeVersion());
      Map<String, Object> carried = now.carryOver(state, types.version(typeName, typeVersion));
      state.clear();
      state.putAll(carried);
      typeVersion = change.typeVersion();
    }
    Map<String, FieldChange> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Object> set : change.changes().entrySet()) {
      fields.put(set.getKey(), new FieldChange(state.get(set.getKey()), set.getValue()));
      state.put(set.getKey(), set.getValue());
    }
    revision++;
    position = change.position();
    lastChangeId = change.id();
    lastTraceId = change.traceId();
    return new AppliedChange(change, revision, versionBefore, Collections.unmodifiableMap(fields));
  }

  /**
   * The state as its version is registered now: fields that joined the version later (with
   * their defaults) appear too.
   */
  public Map<String, Object> stateUnder(TwinType version) {
    if (version.version() != typeVersion || !version.name().equals(typeName)) {
      throw new IllegalArgumentException(version + " is not the version of " + id);
    }
    Map<String, Object> full = version.defaults();
    full.putAll(state);
    full.keySet().retainAll(version.defaults().keySet());
    return Collections.unmodifiableMap(full);
  }

  public boolean isNew() {
    return revision == 0;
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public ObjectId id() {
    return id;
  }

  public TwinTypeName typeName() {
    return typeName;
  }

  public int typeVersion() {
    return typeVersion;
  }

  public Map<String, Object> state() {
    return Collections.unmodifiableMap(state);
  }

  public long revision() {
    return revision;
  }

  /** Where its last change stands; {@link StateChange.Position#START} before the first. */
  public StateChange.Position position() {
    return position;
  }

  public EventId lastChangeId() {
    return lastChangeId;
  }

  public TraceId lastTraceId() {
    return lastTraceId;
  }

  /** An object's state at one revision, as stored and restored. */
  public record Snapshot(
      TenantId tenantId,
      ObjectId objectId,
      TwinTypeName typeName,
      int typeVersion,
      Map<String, Object> state,
      long revision,
      StateChange.Position position,
      EventId lastChangeId,
      TraceId lastTraceId) {

    public Snapshot {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(objectId, "objectId");
      Objects.requireNonNull(typeName, "typeName");
      Objects.requireNonNull(position, "position");
      state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }
  }
}
