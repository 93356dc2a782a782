package dev.tracemodule.infrastructure.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemodule.domain.shared.StateConflictException;
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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Reads events through JPA; writes them as JDBC batches in the caller's transaction. */
@ApplicationScoped
public class JpaEventRepository implements EventRepository {

  private static final int BATCH_SIZE = 1_000;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT =
      "insert into event (tenant_id, trace_id, id, parent_id, type, level, message, data,"
          + " occurred_at, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private PersistenceMapper mapper;

  protected JpaEventRepository() {}

  JpaEventRepository(EntityManager em, PersistenceMapper mapper) {
    this.em = em;
    this.mapper = mapper;
  }

  @Override
  public List<Event> findByIds(TenantId tenantId, TraceId traceId, Collection<EventId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<UUID> values = ids.stream().map(EventId::value).toList();
    return em.createQuery(
            "select e from EventEntity e where e.tenantId = :tenant and e.traceId = :trace"
                + " and e.id in :ids",
            EventEntity.class)
        .setParameter("tenant", tenantId.value())
        .setParameter("trace", traceId.value())
        .setParameter("ids", values)
        .getResultList()
        .stream()
        .map(mapper::toEvent)
        .toList();
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
    if (events.isEmpty()) {
      return;
    }
    em.unwrap(Session.class).doWork(connection -> {
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        int pending = 0;
        for (Event event : events) {
          bind(insert, event);
          insert.addBatch();
          if (++pending == BATCH_SIZE) {
            insert.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
        }
      } catch (SQLException e) {
        // A concurrent request stored an event with the same client-chosen id first.
        if (isUniqueViolation(e)) {
          throw new StateConflictException("an event of this batch is recorded already");
        }
        throw e;
      }
    });
  }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      if (UNIQUE_VIOLATION.equals(cause.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static void bind(PreparedStatement insert, Event event) throws SQLException {
    insert.setString(1, event.tenantId().value());
    insert.setObject(2, event.traceId().value());
    insert.setObject(3, event.id().value());
    insert.setObject(4, event.parentEventId() == null ? null : event.parentEventId().value(), Types.OTHER);
    insert.setString(5, event.type());
    insert.setString(6, event.level().wireName());
    insert.setString(7, event.message());
    insert.setString(8, json(event));
    insert.setObject(9, OffsetDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC));
    if (event.durationMs() == null) {
      insert.setNull(10, Types.DOUBLE);
    } else {
      insert.setDouble(10, event.durationMs());
    }
  }

  private static String json(Event event) throws SQLException {
    try {
      return JSON.writeValueAsString(event.data().asMap());
    } catch (JsonProcessingException e) {
      throw new SQLException("event data is not serialisable as JSON", e);
    }
  }
}
