package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** All traces of all tenants; every method is scoped by a tenant. */
public interface TraceRepository {

  Optional<Trace> findById(TenantId tenantId, TraceId id);

  /** The traces of these ids that exist, in no particular order. */
  List<Trace> findAll(TenantId tenantId, Collection<TraceId> ids);

  /**
   * Finds a trace and locks it until the current transaction ends. {@link Lock#SHARED} while
   * recording events: many may record at once, nobody may end the trace meanwhile. {@link
   * Lock#EXCLUSIVE} to change its status.
   */
  Optional<Trace> lock(TenantId tenantId, TraceId id, Lock lock);

  /**
   * Like {@link #lock}, for many traces at once. Locks are taken in id order, so two callers
   * locking overlapping sets cannot deadlock. Ids without a trace are left out.
   */
  List<Trace> lockAll(TenantId tenantId, Collection<TraceId> ids, Lock lock);

  /** Adds a new trace or stores the new state of a known one. */
  void store(Trace trace);

  /** Removes the trace and its events; false when there was none. */
  boolean remove(TenantId tenantId, TraceId id);

  TracePage find(TraceCriteria criteria, PageRequest page);

  enum Lock {
    SHARED,
    EXCLUSIVE
  }
}
