package dev.tracemodule.domain.testing;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinTypeName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link TwinRepository} in memory, for tests of the rules that use one. Not thread-safe. */
public final class InMemoryTwinRepository implements TwinRepository {

  private record Key(TenantId tenantId, ObjectId id) {}

  private final Map<Key, ObjectTwin.Snapshot> twins = new HashMap<>();
  private final Map<Key, TreeMap<StateChange.Position, StateChange>> changes = new HashMap<>();
  private final Map<Key, TreeMap<Long, ObjectTwin.Snapshot>> snapshots = new HashMap<>();
  private long sequence;

  @Override
  public ObjectTwin lockOrCreate(TenantId tenantId, ObjectId id, ObjectTwin whenNew) {
    return ObjectTwin.restore(twins.computeIfAbsent(new Key(tenantId, id), key -> whenNew.snapshot()));
  }

  @Override
  public Optional<ObjectTwin> find(TenantId tenantId, ObjectId id) {
    return Optional.ofNullable(twins.get(new Key(tenantId, id))).map(ObjectTwin::restore);
  }

  @Override
  public void update(ObjectTwin twin) {
    twins.put(new Key(twin.tenantId(), twin.id()), twin.snapshot());
  }

  @Override
  public Optional<StateChange> add(StateChange change) {
    TreeMap<StateChange.Position, StateChange> history = history(change.tenantId(), change.objectId());
    if (history.values().stream().anyMatch(stored -> stored.id().equals(change.id()))) {
      return Optional.empty();
    }
    StateChange stored = change.storedAs(++sequence);
    history.put(stored.position(), stored);
    return Optional.of(stored);
  }

  @Override
  public Optional<StateChange> findChange(TenantId tenantId, ObjectId objectId, EventId changeId) {
    return history(tenantId, objectId).values().stream().filter(c -> c.id().equals(changeId)).findFirst();
  }

  @Override
  public List<StateChange> changesAfter(TenantId tenantId, ObjectId id, StateChange.Position after, Instant until,
      int limit) {
    List<StateChange> found = new ArrayList<>();
    for (StateChange change : history(tenantId, id).tailMap(after, false).values()) {
      if (found.size() == limit || (until != null && change.occurredAt().isAfter(until))) {
        break;
      }
      found.add(change);
    }
    return found;
  }

  @Override
  public Optional<ObjectTwin.Snapshot> snapshotAt(TenantId tenantId, ObjectId id, Instant at) {
    return snapshotsOf(tenantId, id).values().stream()
        .filter(s -> !s.position().at().isAfter(at))
        .max(Comparator.comparing(ObjectTwin.Snapshot::position));
  }

  @Override
  public Optional<ObjectTwin.Snapshot> snapshotBefore(TenantId tenantId, ObjectId id, StateChange.Position position) {
    return snapshotsOf(tenantId, id).values().stream()
        .filter(s -> s.position().compareTo(position) < 0)
        .max(Comparator.comparing(ObjectTwin.Snapshot::position));
  }

  @Override
  public Optional<ObjectTwin.Snapshot> snapshotAtRevision(TenantId tenantId, ObjectId id, long revision) {
    return Optional.ofNullable(snapshotsOf(tenantId, id).floorEntry(revision)).map(Map.Entry::getValue);
  }

  @Override
  public void storeSnapshot(ObjectTwin.Snapshot snapshot) {
    snapshotsOf(snapshot.tenantId(), snapshot.objectId()).put(snapshot.revision(), snapshot);
  }

  @Override
  public void dropSnapshotsAfter(TenantId tenantId, ObjectId id, StateChange.Position position) {
    snapshotsOf(tenantId, id).values().removeIf(s -> s.position().isAfter(position));
  }

  @Override
  public List<ObjectTwin> findByState(TenantId tenantId, TwinTypeName type, Map<String, Object> fieldEquals,
      String afterId, int limit) {
    return twins.values().stream()
        .filter(s -> s.tenantId().equals(tenantId) && s.typeName().equals(type))
        .filter(s -> fieldEquals.entrySet().stream().allMatch(e -> Objects.equals(s.state().get(e.getKey()), e.getValue())))
        .filter(s -> afterId == null || s.objectId().value().compareTo(afterId) > 0)
        .sorted(Comparator.comparing(s -> s.objectId().value()))
        .limit(limit)
        .map(ObjectTwin::restore)
        .toList();
  }

  @Override
  public List<StateChange> changesOfTrace(TenantId tenantId, TraceId traceId) {
    return changes.entrySet().stream()
        .filter(e -> e.getKey().tenantId().equals(tenantId))
        .flatMap(e -> e.getValue().values().stream())
        .filter(c -> traceId.equals(c.traceId()))
        .sorted(Comparator.comparing(StateChange::position))
        .toList();
  }

  public int snapshotCount(TenantId tenantId, ObjectId id) {
    return snapshotsOf(tenantId, id).size();
  }

  private TreeMap<StateChange.Position, StateChange> history(TenantId tenantId, ObjectId id) {
    return changes.computeIfAbsent(new Key(tenantId, id), key -> new TreeMap<>());
  }

  private TreeMap<Long, ObjectTwin.Snapshot> snapshotsOf(TenantId tenantId, ObjectId id) {
    return snapshots.computeIfAbsent(new Key(tenantId, id), key -> new TreeMap<>());
  }
}
