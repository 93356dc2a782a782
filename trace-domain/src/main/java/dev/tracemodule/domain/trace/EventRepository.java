package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.TenantId;
import java.util.Collection;
import java.util.List;

/** Events, always reached through their trace. Events are only ever added. */
public interface EventRepository {

  /** The events with these keys; keys that name no stored event are left out. */
  List<Event> findByKeys(TenantId tenantId, Collection<EventKey> keys);

  /** Every event of the trace, in the order they happened. */
  TraceEvents findByTrace(TenantId tenantId, TraceId traceId);

  /**
   * Adds events, of one trace or many, written together rather than row by row.
   *
   * @throws DuplicateEventException when one of them is stored already; then none is added and
   *     the transaction can go on
   */
  void addAll(List<Event> events);
}
