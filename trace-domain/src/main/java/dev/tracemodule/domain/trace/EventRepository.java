package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.TenantId;
import java.util.Collection;
import java.util.List;

/** Events, always reached through their trace. Events are only ever added. */
public interface EventRepository {

  /** The events of {@code traceId} among {@code ids}; ids that are not there are left out. */
  List<Event> findByIds(TenantId tenantId, TraceId traceId, Collection<EventId> ids);

  /** Every event of the trace, in the order they happened. */
  TraceEvents findByTrace(TenantId tenantId, TraceId traceId);

  /** Adds events of one trace, written together rather than row by row. */
  void addAll(List<Event> events);
}
