package dev.tracemodule.domain.testing;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.DuplicateEventException;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventKey;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceEvents;
import dev.tracemodule.domain.trace.TraceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reference implementation of {@link EventRepository} for handler tests. */
public final class InMemoryEventRepository implements EventRepository {

  private final Map<Key, List<Event>> eventsByTrace = new ConcurrentHashMap<>();

  @Override
  public List<Event> findByKeys(TenantId tenantId, Collection<EventKey> keys) {
    return keys.stream()
        .distinct()
        .flatMap(key -> eventsOf(tenantId, key.traceId()).stream().filter(e -> e.id().equals(key.eventId())))
        .toList();
  }

  @Override
  public TraceEvents findByTrace(TenantId tenantId, TraceId traceId) {
    return TraceEvents.of(eventsOf(tenantId, traceId));
  }

  @Override
  public synchronized void addAll(List<Event> events) {
    for (Event event : events) {
      if (eventsOf(event.tenantId(), event.traceId()).stream().anyMatch(e -> e.id().equals(event.id()))) {
        throw new DuplicateEventException("event " + event.id() + " is recorded already");
      }
    }
    for (Event event : events) {
      eventsByTrace.computeIfAbsent(new Key(event.tenantId(), event.traceId()), k -> new ArrayList<>()).add(event);
    }
  }

  boolean hasErrors(TenantId tenantId, TraceId traceId) {
    return eventsOf(tenantId, traceId).stream().anyMatch(Event::isError);
  }

  void removeTrace(TenantId tenantId, TraceId traceId) {
    eventsByTrace.remove(new Key(tenantId, traceId));
  }

  private List<Event> eventsOf(TenantId tenantId, TraceId traceId) {
    return List.copyOf(eventsByTrace.getOrDefault(new Key(tenantId, traceId), List.of()));
  }

  private record Key(TenantId tenantId, TraceId traceId) {}
}
