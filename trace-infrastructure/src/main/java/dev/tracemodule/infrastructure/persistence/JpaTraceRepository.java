package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.PageRequest;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceCriteria;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TracePage;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.trace.TraceSort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

@ApplicationScoped
public class JpaTraceRepository implements TraceRepository {

  private static final List<EventLevel> ERROR_LEVELS = List.of(EventLevel.ERROR, EventLevel.CRITICAL);

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private PersistenceMapper mapper;

  protected JpaTraceRepository() {}

  /** Outside a container: on a given entity manager. */
  public JpaTraceRepository(EntityManager em, PersistenceMapper mapper) {
    this.em = em;
    this.mapper = mapper;
  }

  @Override
  public Optional<Trace> findById(TenantId tenantId, TraceId id) {
    return Optional.ofNullable(em.find(TraceEntity.class, key(tenantId, id))).map(this::toTrace);
  }

  @Override
  public List<Trace> findAll(TenantId tenantId, Collection<TraceId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select t from TraceEntity t where t.tenantId = :tenant and t.id in :ids", TraceEntity.class)
        .setParameter("tenant", tenantId.value())
        .setParameter("ids", ids.stream().map(TraceId::value).distinct().toList())
        .setHint(HibernateHints.HINT_READ_ONLY, true)
        .getResultList()
        .stream()
        .map(this::toTrace)
        .toList();
  }

  @Override
  public Optional<Trace> lock(TenantId tenantId, TraceId id, Lock lock) {
    return Optional.ofNullable(em.find(TraceEntity.class, key(tenantId, id), lockMode(lock)))
        .map(this::toTrace);
  }

  private static LockModeType lockMode(Lock lock) {
    return lock == Lock.EXCLUSIVE ? LockModeType.PESSIMISTIC_WRITE : LockModeType.PESSIMISTIC_READ;
  }

  @Override
  public List<Trace> lockAll(TenantId tenantId, Collection<TraceId> ids, Lock lock) {
    if (ids.isEmpty()) {
      return List.of();
    }
    UUID[] values = ids.stream().map(TraceId::value).distinct().toArray(UUID[]::new);
    // One statement with one parameter however many traces, locking the rows in id order.
    // Read-only: the caller only reads these traces, so Hibernate keeps no copies to dirty-check.
    String sql =
        "select * from trace where tenant_id = :tenant and id = any(cast(:ids as uuid[])) order by id"
            + (lock == Lock.EXCLUSIVE ? " for update" : " for share");
    @SuppressWarnings("unchecked")
    List<TraceEntity> rows =
        em.createNativeQuery(sql, TraceEntity.class)
            .setParameter("tenant", tenantId.value())
            .setParameter("ids", values)
            .setHint(HibernateHints.HINT_READ_ONLY, lock == Lock.SHARED)
            .getResultList();
    return rows.stream().map(this::toTrace).toList();
  }

  @Override
  public void store(Trace trace) {
    TraceEntity row = em.find(TraceEntity.class, key(trace.tenantId(), trace.id()));
    boolean isNew = row == null;
    if (isNew) {
      row = new TraceEntity();
    }
    mapper.copyToRow(trace.snapshot(), trace.durationMs().orElse(null), row);
    if (isNew) {
      em.persist(row);
    }
    // Surface constraint violations here, inside the handler, not at commit.
    em.flush();
    if (!trace.isActive()) {
      countEventsOfEnded(trace);
    }
  }

  /**
   * Writes the event counts of a trace that has just ended onto its row, once. No event is added
   * after the end (the caller holds the trace exclusively), so they never go stale.
   */
  private void countEventsOfEnded(Trace trace) {
    EndedTraceCounts.write(em, trace.tenantId().value(), trace.id().value());
  }

  @Override
  public boolean remove(TenantId tenantId, TraceId id) {
    // The exclusive lock waits for batches still recording into the trace; later ones find it gone.
    if (lock(tenantId, id, Lock.EXCLUSIVE).isEmpty()) {
      return false;
    }
    em.createNativeQuery("delete from event where tenant_id = :tenant and trace_id = :id")
        .setParameter("tenant", tenantId.value())
        .setParameter("id", id.value())
        .executeUpdate();
    em.createQuery("delete from TraceEntity t where t.tenantId = :tenant and t.id = :id")
        .setParameter("tenant", tenantId.value())
        .setParameter("id", id.value())
        .executeUpdate();
    return true;
  }

  @Override
  public TracePage find(TraceCriteria criteria, PageRequest page) {
    Map<String, Object> parameters = new HashMap<>();
    String where = where(criteria, parameters);

    TypedQuery<TraceEntity> rows =
        em.createQuery("select t from TraceEntity t " + where + orderBy(criteria.sort()), TraceEntity.class)
            .setFirstResult((int) Math.min(Integer.MAX_VALUE, page.offset()))
            .setMaxResults(page.size());
    TypedQuery<Long> count = em.createQuery("select count(t) from TraceEntity t " + where, Long.class);
    parameters.forEach(
        (name, value) -> {
          rows.setParameter(name, value);
          count.setParameter(name, value);
        });

    List<Trace> traces = rows.getResultList().stream().map(this::toTrace).toList();
    // A page that is neither full nor past the end tells the total without counting.
    boolean lastPage = !traces.isEmpty() && traces.size() < page.size();
    boolean onlyPageEmpty = traces.isEmpty() && page.offset() == 0;
    long total =
        lastPage || onlyPageEmpty ? page.offset() + traces.size() : count.getSingleResult();
    return new TracePage(traces, page, total);
  }

  private static String where(TraceCriteria criteria, Map<String, Object> parameters) {
    StringBuilder where = new StringBuilder("where t.tenantId = :tenant");
    parameters.put("tenant", criteria.tenantId().value());
    if (criteria.otelTraceId() != null) {
      where.append(" and t.otelTraceId = :otelTraceId");
      parameters.put("otelTraceId", criteria.otelTraceId());
    }
    if (criteria.contextId() != null) {
      where.append(" and t.contextId = :contextId");
      parameters.put("contextId", criteria.contextId());
    }
    if (!criteria.types().isEmpty()) {
      where.append(" and t.type in :types");
      parameters.put("types", List.copyOf(criteria.types()));
    }
    if (!criteria.statuses().isEmpty()) {
      where.append(" and t.status in :statuses");
      parameters.put("statuses", List.copyOf(criteria.statuses()));
    }
    if (criteria.startedFrom() != null) {
      where.append(" and t.startedAt >= :from");
      parameters.put("from", criteria.startedFrom());
    }
    if (criteria.startedTo() != null) {
      where.append(" and t.startedAt < :to");
      parameters.put("to", criteria.startedTo());
    }
    if (!criteria.tags().isEmpty()) {
      where.append(" and array_includes(t.tags, :tags)");
      parameters.put("tags", criteria.tags().toArray(String[]::new));
    }
    if (criteria.hasErrors() != null) {
      where.append(criteria.hasErrors() ? " and exists" : " and not exists");
      where.append(
          " (select 1 from EventEntity e where e.tenantId = t.tenantId and e.traceId = t.id"
              + " and e.level in :errorLevels)");
      parameters.put("errorLevels", ERROR_LEVELS);
    }
    return where.toString();
  }

  private static String orderBy(TraceSort sort) {
    String column =
        switch (sort.field()) {
          case STARTED_AT -> "t.startedAt";
          case COMPLETED_AT -> "t.completedAt";
          case DURATION -> "t.durationMs";
          case NAME -> "t.name";
          case TYPE -> "t.type";
          case STATUS -> "t.status";
        };
    String direction = sort.descending() ? " desc" : " asc";
    return " order by " + column + direction + " nulls last, t.id" + direction;
  }

  private Trace toTrace(TraceEntity row) {
    return Trace.restore(mapper.toSnapshot(row));
  }

  private static TraceEntity.Key key(TenantId tenantId, TraceId id) {
    return new TraceEntity.Key(tenantId.value(), id.value());
  }
}
