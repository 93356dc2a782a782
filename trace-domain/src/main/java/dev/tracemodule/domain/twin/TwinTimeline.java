package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An object's history in time: records changes, in order or late, and rebuilds the object at any
 * instant or position from the nearest snapshot before it. A snapshot is kept at every revision
 * that is a multiple of {@code snapshotEvery}, so a rebuild reads one snapshot and fewer than
 * {@code snapshotEvery} changes.
 *
 * <p>A change that arrives after changes later than itself (history back-filled, a clock behind)
 * is applied in its place: the snapshots after it are replaced and the current state is replayed
 * from the one before it.
 */
public final class TwinTimeline {

  private final TwinRepository twins;
  private final TypeVersions types;
  private final int snapshotEvery;

  public TwinTimeline(TwinRepository twins, TypeVersions types, int snapshotEvery) {
    if (snapshotEvery < 1) {
      throw new IllegalArgumentException("snapshotEvery must be at least 1");
    }
    this.twins = twins;
    this.types = types;
    this.snapshotEvery = snapshotEvery;
  }

  /**
   * Adds a stored change to its object, which the caller holds locked, and stores the object and
   * any snapshot due; returns the object as it is now.
   */
  public ObjectTwin record(ObjectTwin locked, StateChange stored) {
    if (stored.position().isAfter(locked.position())) {
      locked.apply(stored, types);
      snapshotIfDue(locked);
      twins.update(locked);
      return locked;
    }
    twins.dropSnapshotsAfter(stored.tenantId(), stored.objectId(), stored.position());
    ObjectTwin replayed = replay(base(stored.tenantId(), stored.objectId(),
        twins.snapshotBefore(stored.tenantId(), stored.objectId(), stored.position()), null), null, change -> true,
        this::snapshotIfDue);
    twins.update(replayed);
    return replayed;
  }

  /** The object with every change that happened at or before {@code at}; empty before its first. */
  public Optional<ObjectTwin> at(TenantId tenantId, ObjectId id, Instant at) {
    ObjectTwin base = base(tenantId, id, twins.snapshotAt(tenantId, id, at), at);
    if (base == null) {
      return Optional.empty();
    }
    return Optional.of(replay(base, at, change -> true, twin -> {}));
  }

  /** The object with every change up to and including {@code position}; empty before its first. */
  public Optional<ObjectTwin> through(TenantId tenantId, ObjectId id, StateChange.Position position) {
    ObjectTwin base = base(tenantId, id, twins.snapshotBefore(tenantId, id, position), position.at());
    if (base == null) {
      return Optional.empty();
    }
    return Optional.of(replay(base, position.at(), change -> !change.position().isAfter(position), twin -> {}));
  }

  /**
   * The object with every change before {@code position}; empty when it had none yet (the change
   * at {@code position} made it).
   */
  public Optional<ObjectTwin> before(TenantId tenantId, ObjectId id, StateChange.Position position) {
    ObjectTwin base = base(tenantId, id, twins.snapshotBefore(tenantId, id, position), null);
    if (base == null) {
      return Optional.empty();
    }
    ObjectTwin twin = replay(base, position.at(), change -> change.position().compareTo(position) < 0, t -> {});
    return twin.isNew() ? Optional.empty() : Optional.of(twin);
  }

  /** Up to {@code limit} changes from revision {@code fromRevision} (1 is the first), as applied. */
  public List<AppliedChange> history(TenantId tenantId, ObjectId id, long fromRevision, int limit) {
    ObjectTwin twin = base(tenantId, id, twins.snapshotAtRevision(tenantId, id, Math.max(0, fromRevision - 1)), null);
    List<AppliedChange> page = new ArrayList<>();
    if (twin == null) {
      return page;
    }
    while (page.size() < limit) {
      List<StateChange> batch = twins.changesAfter(tenantId, id, twin.position(), null, snapshotEvery + limit);
      for (StateChange change : batch) {
        AppliedChange applied = twin.apply(change, types);
        if (applied.revision() >= fromRevision) {
          page.add(applied);
          if (page.size() == limit) {
            return page;
          }
        }
      }
      if (batch.size() < snapshotEvery + limit) {
        return page;
      }
    }
    return page;
  }

  /**
   * The snapshot restored, or a new object at the defaults of the version its first change was
   * written with; null when it has no change at all (up to {@code until}, when given).
   */
  private ObjectTwin base(TenantId tenantId, ObjectId id, Optional<ObjectTwin.Snapshot> snapshot, Instant until) {
    if (snapshot.isPresent()) {
      return ObjectTwin.restore(snapshot.get());
    }
    List<StateChange> first = twins.changesAfter(tenantId, id, StateChange.Position.START, until, 1);
    if (first.isEmpty()) {
      return null;
    }
    StateChange change = first.get(0);
    return ObjectTwin.create(tenantId, id, types.version(change.typeName(), change.typeVersion()));
  }

  /** Applies the changes after {@code twin}'s position, up to {@code until} and while {@code take} holds. */
  private ObjectTwin replay(ObjectTwin twin, Instant until, Predicate<StateChange> take,
      java.util.function.Consumer<ObjectTwin> afterEach) {
    int batchSize = snapshotEvery + 1;
    while (true) {
      List<StateChange> batch = twins.changesAfter(twin.tenantId(), twin.id(), twin.position(), until, batchSize);
      for (StateChange change : batch) {
        if (!take.test(change)) {
          return twin;
        }
        twin.apply(change, types);
        afterEach.accept(twin);
      }
      if (batch.size() < batchSize) {
        return twin;
      }
    }
  }

  private void snapshotIfDue(ObjectTwin twin) {
    if (twin.revision() % snapshotEvery == 0) {
      twins.storeSnapshot(twin.snapshot());
    }
  }
}
