package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.telemetry.ImportedTrace;
import dev.tracemodule.domain.telemetry.SpanCriteria;
import dev.tracemodule.domain.telemetry.SpanSearch;
import dev.tracemodule.domain.trace.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Spans across traces, read from the {@code event} table. Events are partitioned by their trace's
 * id, whose first 48 bits are the time the trace began; bounding the trace ids to the window (a
 * day earlier, for traces that began before it, and a day later, for spans that arrived before
 * their trace's first) keeps the search to the partitions of those days.
 */
@ApplicationScoped
public class JpaSpanSearch implements SpanSearch {

  private static final Duration TRACE_SLACK = Duration.ofDays(1);

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private PersistenceMapper mapper;

  protected JpaSpanSearch() {}

  /** Outside a container: on a given entity manager. */
  public JpaSpanSearch(EntityManager em, PersistenceMapper mapper) {
    this.em = em;
    this.mapper = mapper;
  }

  @Override
  public List<Event> find(SpanCriteria criteria) {
    StringBuilder sql = new StringBuilder("select e.* from event e where e.tenant_id = :tenant and e.type = :type"
        + " and e.trace_id >= cast(:lowestTrace as uuid) and e.trace_id <= cast(:highestTrace as uuid)"
        + " and e.occurred_at >= :from and e.occurred_at < :to");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("tenant", criteria.tenantId().value());
    parameters.put("type", ImportedTrace.SPAN_EVENT_TYPE);
    parameters.put("lowestTrace", firstIdAt(criteria.from().minus(TRACE_SLACK)).toString());
    parameters.put("highestTrace", lastIdAt(criteria.to().plus(TRACE_SLACK)).toString());
    parameters.put("from", utc(criteria.from()));
    parameters.put("to", utc(criteria.to()));
    if (criteria.service() != null) {
      sql.append(" and e.data->'resource'->>'service.name' = :service");
      parameters.put("service", criteria.service());
    }
    if (criteria.name() != null) {
      sql.append(" and e.message = :name");
      parameters.put("name", criteria.name());
    }
    List<String> keys = new ArrayList<>(criteria.attributes().keySet());
    for (int i = 0; i < keys.size(); i++) {
      // ->> gives a number or boolean as its JSON text, so "500" matches 500.
      sql.append(" and e.data->'attributes'->>:attributeKey").append(i).append(" = :attributeValue").append(i);
      parameters.put("attributeKey" + i, keys.get(i));
      parameters.put("attributeValue" + i, criteria.attributes().get(keys.get(i)));
    }
    if (criteria.minDurationMs() != null) {
      sql.append(" and e.duration_ms >= :minDuration");
      parameters.put("minDuration", criteria.minDurationMs());
    }
    if (criteria.error() != null) {
      sql.append(criteria.error() ? " and e.level in ('error', 'critical')" : " and e.level not in ('error', 'critical')");
    }
    if (criteria.otelTraceId() != null) {
      sql.append(" and e.data->'otel'->>'traceId' = :otelTraceId");
      parameters.put("otelTraceId", criteria.otelTraceId());
    }
    if (criteria.after() != null) {
      sql.append(" and (e.occurred_at, e.trace_id, e.id) < (:afterAt, cast(:afterTrace as uuid), cast(:afterId as uuid))");
      parameters.put("afterAt", utc(criteria.after().startedAt()));
      parameters.put("afterTrace", criteria.after().traceId().toString());
      parameters.put("afterId", criteria.after().eventId().toString());
    }
    sql.append(" order by e.occurred_at desc, e.trace_id desc, e.id desc limit :limit");
    parameters.put("limit", criteria.limit());

    Query query = em.createNativeQuery(sql.toString(), EventEntity.class);
    parameters.forEach(query::setParameter);
    @SuppressWarnings("unchecked")
    List<EventEntity> rows = query.getResultList();
    return rows.stream().map(mapper::toEvent).toList();
  }

  /** The smallest time-ordered id of this millisecond. */
  private static UUID firstIdAt(Instant instant) {
    return new UUID(Math.max(0, instant.toEpochMilli()) << 16, 0L);
  }

  /** The largest id of this millisecond. */
  private static UUID lastIdAt(Instant instant) {
    return new UUID((instant.toEpochMilli() << 16) | 0xFFFFL, -1L);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
