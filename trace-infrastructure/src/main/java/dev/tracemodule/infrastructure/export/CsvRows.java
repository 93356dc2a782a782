package dev.tracemodule.infrastructure.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tracemodule.domain.query.AggregateRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * RFC 4180 CSV through Jackson's generator: a header row, UTF-8, CRLF, ISO-8601 UTC instants,
 * empty cells for nulls. A text cell a spreadsheet would run as a formula (starting with {@code
 * =}, {@code +}, {@code -}, {@code @}, tab or carriage return) is neutralised with a leading
 * apostrophe, as OWASP advises; numbers are written as numbers and left alone.
 */
final class CsvRows implements Closeable {

  static final List<String> TRACE_COLUMNS = List.of("trace_id", "context_id", "execution_id", "type", "name",
      "description", "status", "started_at", "completed_at", "duration_ms", "failure_reason", "tags", "metadata",
      "debug_events", "info_events", "warn_events", "error_events", "critical_events");
  static final List<String> EVENT_COLUMNS = List.of("event_id", "trace_id", "parent_event_id", "type", "level",
      "message", "data", "occurred_at", "duration_ms");
  static final List<String> METRIC_COLUMNS = List.of("group", "count", "avg_duration_ms", "min_duration_ms",
      "max_duration_ms", "p50_duration_ms", "p95_duration_ms", "p99_duration_ms", "error_rate", "events_by_level");

  private static final CsvMapper CSV = new CsvMapper();

  private final CsvGenerator csv;
  private final RowText instants = new RowText();

  private CsvRows(OutputStream out, List<String> columns) throws IOException {
    csv = (CsvGenerator) CSV.getFactory().createGenerator(out);
    // The caller owns the stream: a zip entry follows, or a gzip trailer.
    csv.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
    columns.forEach(schema::addColumn);
    csv.setSchema(schema.build());
  }

  static CsvRows traces(OutputStream out) throws IOException {
    return new CsvRows(out, TRACE_COLUMNS);
  }

  static CsvRows events(OutputStream out) throws IOException {
    return new CsvRows(out, EVENT_COLUMNS);
  }

  static CsvRows metrics(OutputStream out) throws IOException {
    return new CsvRows(out, METRIC_COLUMNS);
  }

  void trace(TraceRow t) throws IOException {
    csv.writeStartArray();
    text(t.id());
    text(t.contextId());
    text(t.executionId());
    text(t.type());
    text(t.name());
    text(t.description());
    text(t.status());
    instant(t.startedAt());
    instant(t.completedAt());
    number(t.durationMs());
    text(t.failureReason());
    text(t.tags());
    text(t.metadata());
    number(t.debugEvents());
    number(t.infoEvents());
    number(t.warnEvents());
    number(t.errorEvents());
    number(t.criticalEvents());
    csv.writeEndArray();
  }

  void event(EventRow e) throws IOException {
    csv.writeStartArray();
    text(e.id());
    text(e.traceId());
    text(e.parentId());
    text(e.type());
    text(e.level());
    text(e.message());
    text(e.data());
    instant(e.occurredAt());
    number(e.durationMs());
    csv.writeEndArray();
  }

  void metric(AggregateRow row, String group, String eventsByLevel) throws IOException {
    csv.writeStartArray();
    text(group);
    number(row.count());
    number(row.avgDurationMs());
    number(row.minDurationMs());
    number(row.maxDurationMs());
    number(row.p50DurationMs());
    number(row.p95DurationMs());
    number(row.p99DurationMs());
    number(row.errorRate());
    text(eventsByLevel);
    csv.writeEndArray();
  }

  private void text(String value) throws IOException {
    csv.writeString(value == null ? "" : neutralised(value));
  }

  static String neutralised(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + value
        : value;
  }

  private void text(byte[] utf8) throws IOException {
    text(RowText.string(utf8));
  }

  private void instant(long micros) throws IOException {
    csv.writeString(instants.instant(micros));
  }

  private void instant(Long micros) throws IOException {
    csv.writeString(micros == null ? "" : instants.instant(micros));
  }

  private void number(Double value) throws IOException {
    if (value == null) {
      csv.writeString("");
    } else {
      csv.writeNumber(value);
    }
  }

  private void number(Integer value) throws IOException {
    if (value == null) {
      csv.writeString("");
    } else {
      csv.writeNumber(value);
    }
  }

  private void number(Long value) throws IOException {
    if (value == null) {
      csv.writeString("");
    } else {
      csv.writeNumber(value);
    }
  }

  @Override
  public void close() throws IOException {
    // The generator writes the header on closing when no row came: an empty file has it too.
    csv.close();
  }
}
