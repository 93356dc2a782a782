package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventKey;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceEvents;
import dev.tracemodule.domain.trace.TraceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Reads events through JPA; writes them with COPY in the caller's transaction. */
@ApplicationScoped
public class JpaEventRepository implements EventRepository {

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private PersistenceMapper mapper;

  protected JpaEventRepository() {}

  /** Outside a container: on a given entity manager. */
  public JpaEventRepository(EntityManager em, PersistenceMapper mapper) {
    this.em = em;
    this.mapper = mapper;
  }

  @Override
  public List<Event> findByKeys(TenantId tenantId, Collection<EventKey> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<EventKey> distinct = keys.stream().distinct().toList();
    UUID[] traceIds = distinct.stream().map(k -> k.traceId().value()).toArray(UUID[]::new);
    UUID[] eventIds = distinct.stream().map(k -> k.eventId().value()).toArray(UUID[]::new);
    // The keys as pairs, one index probe each, in one statement however large the batch.
    // (trace_id = any(...) and id = any(...) would probe every combination.)
    @SuppressWarnings("unchecked")
    List<EventEntity> rows =
        em.createNativeQuery(
                "select e.* from unnest(cast(:traces as uuid[]), cast(:ids as uuid[])) as k(trace_id, id)"
                    + " join event e on e.tenant_id = :tenant and e.trace_id = k.trace_id and e.id = k.id",
                EventEntity.class)
            .setParameter("tenant", tenantId.value())
            .setParameter("traces", traceIds)
            .setParameter("ids", eventIds)
            .getResultList();
    return rows.stream().map(mapper::toEvent).toList();
  }

  @Override
  public TraceEvents findByTrace(TenantId tenantId, TraceId traceId) {
    List<Event> events =
        em.createQuery(
                "select e from EventEntity e where e.tenantId = :tenant and e.traceId = :trace"
                    + " order by e.timestamp, e.seq",
                EventEntity.class)
            .setParameter("tenant", tenantId.value())
            .setParameter("trace", traceId.value())
            .getResultList()
            .stream()
            .map(mapper::toEvent)
            .toList();
    return TraceEvents.of(events);
  }

  @Override
  public void addAll(List<Event> events) {
    if (!events.isEmpty()) {
      em.unwrap(Session.class).doWork(connection -> EventCopyWriter.write(connection, events));
    }
  }
}
