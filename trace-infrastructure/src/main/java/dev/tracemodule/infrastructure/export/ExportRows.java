package dev.tracemodule.infrastructure.export;

import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.infrastructure.query.Sql;
import dev.tracemodule.infrastructure.query.TraceFilterSql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads the traces and events of a filter through a server-side cursor: the driver fetches
 * {@link #FETCH_SIZE} rows at a time, so memory stays flat however many rows there are. Needs a
 * connection inside a transaction (a cursor lives as long as its transaction).
 */
final class ExportRows {

  static final int FETCH_SIZE = 5_000;

  private static final String TRACE_COLUMNS =
      "t.id, t.context_id, t.execution_id, t.type, t.name, t.description, t.status, t.started_at,"
          + " t.completed_at, t.duration_ms, t.failure_reason, array_to_json(t.tags)::text, t.metadata::text,"
          + " t.debug_events, t.info_events, t.warn_events, t.error_events, t.critical_events";
  private static final String EVENT_COLUMNS =
      "e.id, e.trace_id, e.parent_id, e.type, e.level, e.message, e.data::text, e.occurred_at, e.duration_ms";

  @FunctionalInterface
  interface TraceSink {
    void accept(TraceRow trace) throws IOException;
  }

  @FunctionalInterface
  interface EventSink {
    /** {@code event} is null for a trace without events (outer join only). */
    void accept(TraceRow trace, EventRow event) throws IOException;
  }

  private final Connection connection;

  ExportRows(Connection connection) {
    this.connection = connection;
  }

  long countTraces(TraceFilter filter) throws SQLException {
    Sql sql = new Sql().append("select count(*) from trace t");
    TraceFilterSql.where(filter, sql);
    return single(sql);
  }

  long countEvents(TraceFilter filter) throws SQLException {
    Sql sql = new Sql().append("select count(*) from trace t join event e on e.tenant_id = t.tenant_id and e.trace_id = t.id");
    TraceFilterSql.where(filter, sql);
    return single(sql);
  }

  /** The traces, oldest first. */
  void traces(TraceFilter filter, TraceSink sink) throws SQLException, IOException {
    Sql sql = new Sql().append("select ").append(TRACE_COLUMNS).append(" from trace t");
    TraceFilterSql.where(filter, sql);
    sql.append(" order by t.started_at, t.id");
    try (PreparedStatement statement = cursor(sql); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        sink.accept(trace(rows));
      }
    }
  }

  /**
   * Each event with its trace, trace by trace (oldest first) and in each trace in the order the
   * events happened. With {@code withEmptyTraces}, a trace without events comes once with a null
   * event. The trace row is shared by the events of one trace.
   */
  void events(TraceFilter filter, boolean withEmptyTraces, EventSink sink) throws SQLException, IOException {
    Sql sql = new Sql().append("select ").append(TRACE_COLUMNS).append(", ").append(EVENT_COLUMNS)
        .append(" from trace t ").append(withEmptyTraces ? "left " : "")
        .append("join event e on e.tenant_id = t.tenant_id and e.trace_id = t.id");
    TraceFilterSql.where(filter, sql);
    sql.append(" order by t.started_at, t.id, e.occurred_at, e.seq");
    try (PreparedStatement statement = cursor(sql); ResultSet rows = statement.executeQuery()) {
      TraceRow trace = null;
      while (rows.next()) {
        UUID traceId = rows.getObject(1, UUID.class);
        if (trace == null || !trace.id().equals(traceId)) {
          trace = trace(rows);
        }
        UUID eventId = rows.getObject(19, UUID.class);
        sink.accept(trace, eventId == null ? null : event(rows, eventId));
      }
    }
  }

  private PreparedStatement cursor(Sql sql) throws SQLException {
    PreparedStatement statement = sql.prepare(connection);
    statement.setFetchSize(FETCH_SIZE);
    // Server-prepared from the first run, so rows arrive in the binary format: ids and instants
    // as their bytes, not as text the driver would parse back.
    statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
    return statement;
  }

  private long single(Sql sql) throws SQLException {
    try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static TraceRow trace(ResultSet rows) throws SQLException {
    return new TraceRow(
        rows.getObject(1, UUID.class),
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        instant(rows.getTimestamp(8)),
        instant(rows.getTimestamp(9)),
        nullableDouble(rows, 10),
        rows.getString(11),
        rows.getString(12),
        rows.getString(13),
        nullableInt(rows, 14),
        nullableInt(rows, 15),
        nullableInt(rows, 16),
        nullableInt(rows, 17),
        nullableInt(rows, 18));
  }

  private static EventRow event(ResultSet rows, UUID id) throws SQLException {
    return new EventRow(
        id,
        rows.getObject(20, UUID.class),
        rows.getObject(21, UUID.class),
        rows.getString(22),
        rows.getString(23),
        rows.getString(24),
        rows.getString(25),
        instant(rows.getTimestamp(26)),
        nullableDouble(rows, 27));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Double nullableDouble(ResultSet rows, int column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet rows, int column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }
}
