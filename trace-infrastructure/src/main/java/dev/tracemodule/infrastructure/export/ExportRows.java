package dev.tracemodule.infrastructure.export;

import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.infrastructure.query.Sql;
import dev.tracemodule.infrastructure.query.TraceFilterSql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ThreadFactory;

/**
 * Reads the traces and events of a filter through server-side cursors, {@link #FETCH_SIZE} rows
 * at a time, on a reading thread of its own ({@link Prefetch}): memory stays flat however many
 * rows there are, and PostgreSQL works while the writer writes. Needs a connection inside a
 * transaction (a cursor lives as long as its transaction), used by nothing else meanwhile.
 *
 * <p>Traces come in id order, which for UUIDv7 ids is the order they were created in, and each
 * trace's events in the order they happened. PostgreSQL walks the primary keys of both tables in
 * that order and merges them, so an export starts at once and never waits for a sort of all its
 * rows. A trace's columns are read once per trace, never once per event: with events, a traces
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
  private static final String TRACE_ORDER = " order by t.id";

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

  /** The traces. */
  void traces(TraceFilter filter, Sink sink) throws SQLException, IOException {
    Prefetch.run(threads, rows -> {
      try (PreparedStatement statement = cursor(tracesQuery(filter)); ResultSet traces = statement.executeQuery()) {
        RawColumns columns = new RawColumns(traces);
        while (traces.next() && !rows.stopped()) {
          rows.add(trace(columns));
        }
      }
    }, sink::accept);
  }

  /** Each trace followed by its events in the order they happened. */
  void tracesWithEvents(TraceFilter filter, Sink sink) throws SQLException, IOException {
    Prefetch.run(threads, rows -> {
      try (PreparedStatement traceStatement = cursor(tracesQuery(filter));
          PreparedStatement eventStatement = cursor(eventsQuery(filter));
          ResultSet traces = traceStatement.executeQuery();
          ResultSet events = eventStatement.executeQuery()) {
        RawColumns traceColumns = new RawColumns(traces);
        RawColumns eventColumns = new RawColumns(events);
        // Both cursors run in trace id order, so a trace's events come right after it. Each
        // statement has its own snapshot: events of a trace the traces cursor did not see (it
        // started in between) are passed over.
        EventRow pending = nextEvent(events, eventColumns);
        while (traces.next() && !rows.stopped()) {
          TraceRow trace = trace(traceColumns);
          rows.add(trace);
          while (pending != null && Arrays.compare(pending.traceId(), trace.id()) < 0) {
            pending = nextEvent(events, eventColumns);
          }
          while (pending != null && Arrays.equals(pending.traceId(), trace.id())) {
            rows.add(pending);
            pending = nextEvent(events, eventColumns);
          }
        }
      }
    }, sink::accept);
  }

  private static Sql tracesQuery(TraceFilter filter) {
    Sql sql = new Sql().append("select ").append(TRACE_COLUMNS).append(" from trace t");
    TraceFilterSql.where(filter, sql);
    return sql.append(TRACE_ORDER);
  }

  private static Sql eventsQuery(TraceFilter filter) {
    Sql sql = new Sql().append("select ").append(EVENT_COLUMNS)
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

  private static TraceRow trace(RawColumns columns) throws SQLException {
    return new TraceRow(
        columns.uuid(1),
        columns.text(2),
        columns.text(3),
        columns.text(4),
        columns.text(5),
        columns.text(6),
        columns.text(7),
        columns.micros(8),
        columns.nullableMicros(9),
        columns.float8(10),
        columns.text(11),
        columns.text(12),
        columns.text(13),
        columns.int4(14),
        columns.int4(15),
        columns.int4(16),
        columns.int4(17),
        columns.int4(18));
  }

  /** The next event of the cursor, or null past its last. */
  private static EventRow nextEvent(ResultSet events, RawColumns columns) throws SQLException {
    return events.next() ? event(columns) : null;
  }

  private static EventRow event(RawColumns columns) throws SQLException {
    return new EventRow(
        columns.uuid(1),
        columns.uuid(2),
        columns.uuid(3),
        columns.text(4),
        columns.text(5),
        columns.text(6),
        columns.text(7),
        columns.micros(8),
        columns.float8(9));
  }
}
