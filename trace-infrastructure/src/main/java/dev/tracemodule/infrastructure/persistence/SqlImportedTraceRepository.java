package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.telemetry.ImportedTrace;
import dev.tracemodule.domain.telemetry.ImportedTraceRepository;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imported traces: rows of {@code trace} with {@code source = 'otlp'}, one per OpenTelemetry trace
 * (a unique index), written with plain SQL, a batch's traces in one statement each time (arrays
 * unnested into rows). They are read back like every other trace.
 */
@ApplicationScoped
public class SqlImportedTraceRepository implements ImportedTraceRepository {

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  protected SqlImportedTraceRepository() {}

  /** Outside a container: on a given entity manager. */
  public SqlImportedTraceRepository(EntityManager em) {
    this.em = em;
  }

  @Override
  public Map<String, ImportedTrace> lockAll(TenantId tenantId, Collection<String> otelTraceIds) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select id, context_id, type, name, metadata::text,"
          + " started_at, status, completed_at, failure_reason, otel_span_id, otel_trace_id from trace"
          + " where tenant_id = ? and otel_trace_id = any(?) and source = 'otlp' order by id for update")) {
        select.setString(1, tenantId.value());
        select.setArray(2, connection.createArrayOf("text", otelTraceIds.toArray()));
        Map<String, ImportedTrace> found = new HashMap<>();
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            OffsetDateTime completed = row.getObject(8, OffsetDateTime.class);
            String otelTraceId = row.getString(11);
            found.put(otelTraceId, new ImportedTrace(tenantId, new TraceId(row.getObject(1, UUID.class)),
                otelTraceId, row.getString(2), TraceType.valueOf(row.getString(3).toUpperCase(Locale.ROOT)),
                row.getString(4), JsonMap.of(TwinJson.object(row.getString(5)), "metadata"),
                row.getObject(6, OffsetDateTime.class).toInstant(),
                TraceStatus.valueOf(row.getString(7).toUpperCase(Locale.ROOT)),
                completed == null ? null : completed.toInstant(), row.getString(9), row.getString(10)));
          }
        }
        return found;
      }
    });
  }

  @Override
  public Set<String> createAll(TenantId tenantId, List<ImportedTrace> traces) {
    if (traces.isEmpty()) {
      return Set.of();
    }
    return Jdbc.run(em, connection -> {
      try (PreparedStatement insert = connection.prepareStatement("insert into trace (tenant_id, id, context_id, type,"
          + " name, status, metadata, tags, started_at, completed_at, duration_ms, failure_reason, otel_trace_id,"
          + " source, otel_span_id)"
          + " select ?, r.id, r.context_id, r.type, r.name, r.status, r.metadata::jsonb, '{otlp}',"
          + " r.started_at::timestamptz, r.completed_at::timestamptz, r.duration_ms, r.failure_reason, r.otel_trace_id, 'otlp', r.root_span_id"
          + " from " + ROWS + " on conflict (tenant_id, otel_trace_id) where source = 'otlp' do nothing"
          + " returning otel_trace_id")) {
        insert.setString(1, tenantId.value());
        bindRows(connection, insert, 2, traces);
        Set<String> created = new HashSet<>();
        try (ResultSet rows = insert.executeQuery()) {
          while (rows.next()) {
            created.add(rows.getString(1));
          }
        }
        return created;
      }
    });
  }

  @Override
  public void updateAll(TenantId tenantId, List<ImportedTrace> traces) {
    if (traces.isEmpty()) {
      return;
    }
    Jdbc.run(em, connection -> {
      try (PreparedStatement update = connection.prepareStatement("update trace t set context_id = r.context_id,"
          + " type = r.type, name = r.name, metadata = r.metadata::jsonb,"
          + " started_at = r.started_at::timestamptz, status = r.status, completed_at = r.completed_at::timestamptz, duration_ms = r.duration_ms,"
          + " failure_reason = r.failure_reason, otel_span_id = r.root_span_id"
          + " from " + ROWS + " where t.tenant_id = ? and t.id = r.id")) {
        int next = bindRows(connection, update, 1, traces);
        update.setString(next, tenantId.value());
        update.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void countEventsOfEnded(TenantId tenantId, Collection<TraceId> traceIds) {
    EndedTraceCounts.write(em, tenantId.value(), traceIds.stream().map(TraceId::value).toList());
  }

  @Override
  public void addToCounts(TenantId tenantId, Map<TraceId, Map<EventLevel, Integer>> added) {
    if (added.isEmpty()) {
      return;
    }
    Jdbc.run(em, connection -> {
      try (PreparedStatement update = connection.prepareStatement("update trace t set"
          + " debug_events = debug_events + a.debug, info_events = info_events + a.info,"
          + " warn_events = warn_events + a.warn, error_events = error_events + a.error,"
          + " critical_events = critical_events + a.critical"
          + " from unnest(?::uuid[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])"
          + " as a(id, debug, info, warn, error, critical)"
          + " where t.tenant_id = ? and t.id = a.id and t.debug_events is not null")) {
        int n = added.size();
        Object[] ids = new Object[n];
        Integer[][] counts = new Integer[EventLevel.values().length][n];
        int row = 0;
        for (Map.Entry<TraceId, Map<EventLevel, Integer>> entry : added.entrySet()) {
          ids[row] = entry.getKey().value();
          for (EventLevel level : EventLevel.values()) {
            counts[level.ordinal()][row] = entry.getValue().getOrDefault(level, 0);
          }
          row++;
        }
        update.setArray(1, connection.createArrayOf("uuid", ids));
        for (EventLevel level : EventLevel.values()) {
          update.setArray(2 + level.ordinal(), connection.createArrayOf("int4", counts[level.ordinal()]));
        }
        update.setString(2 + EventLevel.values().length, tenantId.value());
        update.executeUpdate();
      }
      return null;
    });
  }

  /** The traces' columns as rows {@code r}: one array parameter a column. */
  private static final String ROWS = "unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
      + " ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[], ?::text[])"
      + " as r(id, context_id, type, name, status, metadata, started_at, completed_at, duration_ms, failure_reason,"
      + " otel_trace_id, root_span_id)";

  /** Binds {@link #ROWS} from {@code first}; returns the next parameter's index. */
  private static int bindRows(Connection connection, PreparedStatement statement, int first, List<ImportedTrace> traces)
      throws SQLException {
    int n = traces.size();
    Object[][] columns = new Object[12][n];
    for (int i = 0; i < n; i++) {
      ImportedTrace trace = traces.get(i);
      columns[0][i] = trace.id().value();
      columns[1][i] = trace.contextId();
      columns[2][i] = trace.type().name().toLowerCase(Locale.ROOT);
      columns[3][i] = trace.name();
      columns[4][i] = trace.status().wireName();
      columns[5][i] = TwinJson.write(trace.metadata().asMap());
      // Instants as ISO-8601 text, which PostgreSQL reads whatever the JVM's time zone.
      columns[6][i] = trace.startedAt().toString();
      columns[7][i] = trace.completedAt() == null ? null : trace.completedAt().toString();
      columns[8][i] = trace.completedAt() == null ? null
          : Math.max(0, Duration.between(trace.startedAt(), trace.completedAt()).toNanos() / 1_000_000.0);
      columns[9][i] = trace.failureReason();
      columns[10][i] = trace.otelTraceId();
      columns[11][i] = trace.rootSpanId();
    }
    String[] types = {"uuid", "text", "text", "text", "text", "text", "text", "text", "float8", "text",
        "text", "text"};
    for (int column = 0; column < columns.length; column++) {
      Array array = connection.createArrayOf(types[column], columns[column]);
      statement.setArray(first + column, array);
    }
    return first + columns.length;
  }
}
