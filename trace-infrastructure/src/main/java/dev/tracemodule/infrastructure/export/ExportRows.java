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
import java.util.concurrent.ThreadFactory;

/**
 * Reads the traces and events of a filter through server-side cursors, {@link #FETCH_SIZE} rows
 * at a time, on a reading thread of its own ({@link Prefetch}): memory stays flat however many
 * rows there are, and PostgreSQL works while the writer writes. Needs a connection inside a
 * transaction (a cursor lives as long as its transaction), used by nothing else meanwhile.
 *
 * <p>A trace's columns are read once per trace, never once per event: with events, a traces
 * cursor and an events cursor in the same order are walked side by side.
 */
final class ExportRows {

  static final int FETCH_SIZE = 5_000;

  private static final String TRACE_COLUMNS =
      "t.id, t.context_id, t.execution_id, t.type, t.name, t.description, t.status, t.started_at,"
          + " t.completed_at, t.duration_ms, t.failure_reason, array_to_json(t.tags)::text, t.metadata::text,"
          + " t.debug_events, t.info_events, t.warn_events, t.error_events, t.critical_events";
  private static final String EVENT_COLUMNS =
      "e.id, e.trace_id, e.parent_id, e.type, e.level, e.message, e.data::text, e.occurred_at, e.duration_ms";
  private static final String TRACE_ORDER = " order by t.started_at, t.id";

  /** Takes what a pass reads: a {@link TraceRow}, or an {@link EventRow} after its trace's row. */
  @FunctionalInterface
  interface Sink {
    void accept(Object row) throws IOException;
  }

  private final Connection connection;
  private final ThreadFactory threads;

  ExportRows(Connection connection, ThreadFactory threads) {
    this.connection = connection;
    this.threads = threads;
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
  void traces(TraceFilter filter, Sink sink) throws SQLException, IOException {
    Prefetch.run(threads, rows -> {
      try (PreparedStatement statement = cursor(tracesQuery(filter)); ResultSet traces = statement.executeQuery()) {
        while (traces.next() && !rows.stopped()) {
          rows.add(trace(traces));
        }
      }
    }, sink::accept);
  }

  /** The events alone, trace by trace (oldest first), each trace's in the order they happened. */
  void events(TraceFilter filter, Sink sink) throws SQLException, IOException {
    Prefetch.run(threads, rows -> {
      try (PreparedStatement statement = cursor(eventsQuery(filter)); ResultSet events = statement.executeQuery()) {
        while (events.next() && !rows.stopped()) {
          rows.add(event(events));
        }
      }
    }, sink::accept);
  }

  /** Each trace, oldest first, followed by its events in the order they happened. */
  void tracesWithEvents(TraceFilter filter, Sink sink) throws SQLException, IOException {
    Prefetch.run(threads, rows -> {
      try (PreparedStatement traceStatement = cursor(tracesQuery(filter));
          PreparedStatement eventStatement = cursor(eventsQuery(filter));
          ResultSet traces = traceStatement.executeQuery();
          ResultSet events = eventStatement.executeQuery()) {
        // Both cursors run in the same order, so a trace's events come right after it. Each
        // statement has its own snapshot: events of a trace the traces cursor did not see (it
        // started in between) are passed over.
        EventRow pending = events.next() ? event(events) : null;
        while (traces.next() && !rows.stopped()) {
          TraceRow trace = trace(traces);
          rows.add(trace);
          while (pending != null && before(events, pending, trace)) {
            pending = events.next() ? event(events) : null;
          }
          while (pending != null && pending.traceId().equals(trace.id())) {
            rows.add(pending);
            pending = events.next() ? event(events) : null;
          }
        }
      }
    }, sink::accept);
  }

  /** Whether the pending event's trace sorts before {@code trace}: one the traces cursor never had. */
  private static boolean before(ResultSet events, EventRow pending, TraceRow trace) throws SQLException {
    Instant started = instant(events.getTimestamp(10));
    int order = started.compareTo(trace.startedAt());
    return order < 0 || (order == 0 && bytewise(pending.traceId(), trace.id()) < 0);
  }

  /** PostgreSQL's order of uuids: bytewise, unsigned (Java's compareTo is signed). */
  private static int bytewise(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  private static Sql tracesQuery(TraceFilter filter) {
    Sql sql = new Sql().append("select ").append(TRACE_COLUMNS).append(" from trace t");
    TraceFilterSql.where(filter, sql);
    return sql.append(TRACE_ORDER);
  }

  private static Sql eventsQuery(TraceFilter filter) {
    Sql sql = new Sql().append("select ").append(EVENT_COLUMNS).append(", t.started_at")
        .append(" from trace t join event e on e.tenant_id = t.tenant_id and e.trace_id = t.id");
    TraceFilterSql.where(filter, sql);
    return sql.append(TRACE_ORDER).append(", e.occurred_at, e.seq");
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
        uuid(rows, 1),
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

  private static EventRow event(ResultSet rows) throws SQLException {
    return new EventRow(
        uuid(rows, 1),
        uuid(rows, 2),
        uuid(rows, 3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        instant(rows.getTimestamp(8)),
        nullableDouble(rows, 9));
  }

  /**
   * The driver returns uuid columns as {@link UUID}. (Not {@code getObject(i, UUID.class)}: the
   * server's pool wraps result sets and looks that method up by reflection on every call.)
   */
  private static UUID uuid(ResultSet rows, int column) throws SQLException {
    return (UUID) rows.getObject(column);
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
