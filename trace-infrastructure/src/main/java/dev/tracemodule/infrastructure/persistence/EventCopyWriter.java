package dev.tracemodule.infrastructure.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tracemodule.domain.trace.DuplicateEventException;
import dev.tracemodule.domain.trace.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes events with PostgreSQL's {@code COPY ... FROM STDIN}, streamed as CSV on the caller's
 * connection and so inside its transaction. The one bulk path for every writer of events.
 */
final class EventCopyWriter {

  private static final String COPY =
      "COPY event (tenant_id, trace_id, id, parent_id, type, level, message, data, occurred_at,"
          + " duration_ms) FROM STDIN WITH (FORMAT csv)";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final ObjectMapper JSON = new ObjectMapper();
  // Null is an unquoted empty field; an empty string is quoted, so COPY tells them apart.
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS).build();
  private static final CsvSchema ROWS =
      CsvSchema.builder()
          .addColumns(
              List.of("tenant_id", "trace_id", "id", "parent_id", "type", "level", "message", "data",
                  "occurred_at", "duration_ms"),
              CsvSchema.ColumnType.STRING)
          .setUseHeader(false)
          .setLineSeparator("\n")
          .build();
  private static final int BUFFER_BYTES = 64 * 1024;

  private EventCopyWriter() {}

  static void write(Connection connection, List<Event> events) throws SQLException {
    // A duplicate aborts the COPY; the savepoint keeps the caller's transaction usable.
    Savepoint beforeCopy = connection.setSavepoint();
    try {
      copy(connection, events);
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        connection.rollback(beforeCopy);
        throw new DuplicateEventException("an event of this batch is stored already");
      }
      throw e;
    }
    connection.releaseSavepoint(beforeCopy);
  }

  private static void copy(Connection connection, List<Event> events) throws SQLException {
    PGConnection postgres = connection.unwrap(PGConnection.class);
    try (OutputStream copy = new PGCopyOutputStream(postgres, COPY, BUFFER_BYTES);
        CsvGenerator csv = (CsvGenerator) CSV.getFactory().createGenerator(copy)) {
      csv.setSchema(ROWS);
      String[] row = new String[ROWS.size()];
      for (Event event : events) {
        fill(row, event);
        csv.writeStartArray();
        for (String value : row) {
          if (value == null) {
            // An unquoted empty field, which COPY reads as NULL. (writeNull() here would move
            // the value to the end of the row.)
            csv.writeRawValue("");
          } else {
            csv.writeString(value);
          }
        }
        csv.writeEndArray();
      }
    } catch (IOException e) {
      SQLException cause = sqlCause(e);
      throw cause != null ? cause : new SQLException("COPY of events failed", e);
    }
  }

  private static void fill(String[] row, Event event) throws IOException {
    row[0] = event.tenantId().value();
    row[1] = event.traceId().value().toString();
    row[2] = event.id().value().toString();
    row[3] = event.parentEventId() == null ? null : event.parentEventId().value().toString();
    row[4] = event.type();
    row[5] = event.level().wireName();
    row[6] = event.message();
    row[7] = JSON.writeValueAsString(event.data().asMap());
    row[8] = event.timestamp().toString();
    row[9] = event.durationMs() == null ? null : event.durationMs().toString();
  }

  private static SQLException sqlCause(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
