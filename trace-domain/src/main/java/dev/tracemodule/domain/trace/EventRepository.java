package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.TenantId;
import java.util.Collection;
import java.util.List;

/** Events, always reached through their trace. Events are only ever added. */
public interface EventRepository {

  /**
   * The events of the given traces whose ids are among {@code ids}; ids that are not there are
   * left out. An event is known by its trace and its id together.
   */
  List<Event> findByIds(TenantId tenantId, Collection<TraceId> traceIds, Collection<EventId> ids);

  /** Every event of the trace, in the order they happened. */
  TraceEvents findByTrace(TenantId tenantId, TraceId traceId);

  /** Adds events, of one trace or many, written together rather than row by row. */
  void addAll(List<Event> events);
}
