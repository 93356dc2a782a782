package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects, their changes and snapshots of their past states. The current state of each object is
 * kept with it; a snapshot is kept every so many revisions, so that any past state is one
 * snapshot and a few changes away.
 */
public interface TwinRepository {

  /** The object, locked until the transaction ends; a new one is created locked, in the state given. */
  ObjectTwin lockOrCreate(TenantId tenantId, ObjectId id, ObjectTwin whenNew);

  Optional<ObjectTwin> find(TenantId tenantId, ObjectId id);

  /** Stores the object's current state. */
  void update(ObjectTwin twin);

  /**
   * Stores a change, giving it the next sequence number; empty when a change with its id is
   * stored already (a retry), which is then returned by {@link #findChange}.
   */
  Optional<StateChange> add(StateChange change);

  Optional<StateChange> findChange(TenantId tenantId, ObjectId objectId, EventId changeId);

  /**
   * The object's changes after {@code after}, up to and including the instant {@code until} (null:
   * all), in order, at most {@code limit}.
   */
  List<StateChange> changesAfter(TenantId tenantId, ObjectId id, StateChange.Position after, Instant until, int limit);

  /** The latest snapshot whose last change happened at or before {@code at}. */
  Optional<ObjectTwin.Snapshot> snapshotAt(TenantId tenantId, ObjectId id, Instant at);

  /** The latest snapshot whose last change comes before {@code position}. */
  Optional<ObjectTwin.Snapshot> snapshotBefore(TenantId tenantId, ObjectId id, StateChange.Position position);

  /** The latest snapshot at or before revision {@code revision}. */
  Optional<ObjectTwin.Snapshot> snapshotAtRevision(TenantId tenantId, ObjectId id, long revision);

  void storeSnapshot(ObjectTwin.Snapshot snapshot);

  /** Drops the snapshots whose last change comes after {@code position}: a change arrived before them. */
  void dropSnapshotsAfter(TenantId tenantId, ObjectId id, StateChange.Position position);

  /**
   * Objects of a type whose current state holds every one of {@code fieldEquals}, by id after
   * {@code afterId} (null: from the first), at most {@code limit}.
   */
  List<ObjectTwin> findByState(TenantId tenantId, TwinTypeName type, Map<String, Object> fieldEquals, String afterId,
      int limit);

  /** The changes a trace made, of every object, in order. */
  List<StateChange> changesOfTrace(TenantId tenantId, TraceId traceId);
}
