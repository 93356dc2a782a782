package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
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

  JpaEventRepository(EntityManager em, PersistenceMapper mapper) {
    this.em = em;
    this.mapper = mapper;
  }

  @Override
  public List<Event> findByIds(
      TenantId tenantId, Collection<TraceId> traceIds, Collection<EventId> ids) {
    if (traceIds.isEmpty() || ids.isEmpty()) {
      return List.of();
    }
    // Arrays keep this one statement with three parameters, however large the batch.
    @SuppressWarnings("unchecked")
    List<EventEntity> rows =
        em.createNativeQuery(
                "select * from event where tenant_id = :tenant and trace_id = any(:traces)"
                    + " and id = any(:ids)",
                EventEntity.class)
            .setParameter("tenant", tenantId.value())
            .setParameter("traces", traceIds.stream().map(TraceId::value).distinct().toArray(UUID[]::new))
            .setParameter("ids", ids.stream().map(EventId::value).distinct().toArray(UUID[]::new))
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
