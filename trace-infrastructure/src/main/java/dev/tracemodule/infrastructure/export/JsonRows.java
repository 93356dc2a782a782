package dev.tracemodule.infrastructure.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.trace.EventLevel;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * JSON through Jackson's streaming generator. Stored JSON (metadata, tags, event data) is copied
 * in as it is, never parsed and written again.
 *
 * <p>As one document: {@code {"exportedAt", "traces": [{..., "events": [...]}], "metrics": [...]}}.
 * As NDJSON: an object per line, its {@code kind} saying what it is: {@code trace}, {@code
 * event} (after its trace's line) or {@code metrics}.
 */
final class JsonRows implements Closeable {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final JsonGenerator json;
  private final RowText instants = new RowText();
  private final boolean lines;

  private JsonRows(OutputStream out, boolean lines) throws IOException {
    this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
    this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.lines = lines;
    if (lines) {
      json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }
  }

  static JsonRows document(OutputStream out, Instant exportedAt) throws IOException {
    JsonRows rows = new JsonRows(out, false);
    rows.json.writeStartObject();
    rows.json.writeStringField("exportedAt", exportedAt.toString());
    rows.json.writeArrayFieldStart("traces");
    return rows;
  }

  static JsonRows lines(OutputStream out) throws IOException {
    return new JsonRows(out, true);
  }

  /** Opens a trace; in a document, its events follow inside it until {@link #endTrace}. */
  void startTrace(TraceRow t, boolean withEvents) throws IOException {
    json.writeStartObject();
    if (lines) {
      json.writeStringField("kind", "trace");
    }
    text("id", t.id());
    text("contextId", t.contextId());
    text("executionId", t.executionId());
    text("type", t.type());
    text("name", t.name());
    text("description", t.description());
    text("status", t.status());
    instant("startedAt", t.startedAt());
    instant("completedAt", t.completedAt());
    nullable("durationMs", t.durationMs());
    text("failureReason", t.failureReason());
    json("tags", t.tags());
    json("metadata", t.metadata());
    if (t.debugEvents() != null) {
      json.writeObjectFieldStart("eventsByLevel");
      json.writeNumberField("debug", t.debugEvents());
      json.writeNumberField("info", t.infoEvents());
      json.writeNumberField("warn", t.warnEvents());
      json.writeNumberField("error", t.errorEvents());
      json.writeNumberField("critical", t.criticalEvents());
      json.writeEndObject();
    } else {
      json.writeNullField("eventsByLevel");
    }
    if (lines) {
      json.writeEndObject();
    } else if (withEvents) {
      json.writeArrayFieldStart("events");
    }
  }

  void endTrace(boolean withEvents) throws IOException {
    if (!lines) {
      if (withEvents) {
        json.writeEndArray();
      }
      json.writeEndObject();
    }
  }

  void event(EventRow e) throws IOException {
    json.writeStartObject();
    if (lines) {
      json.writeStringField("kind", "event");
      text("traceId", e.traceId());
    }
    text("id", e.id());
    text("parentEventId", e.parentId());
    text("type", e.type());
    text("level", e.level());
    text("message", e.message());
    json("data", e.data());
    instant("timestamp", e.occurredAt());
    nullable("durationMs", e.durationMs());
    json.writeEndObject();
  }

  /** Ends the traces and opens the metrics of a document; nothing to do for lines. */
  void startMetrics() throws IOException {
    if (!lines) {
      json.writeEndArray();
      json.writeArrayFieldStart("metrics");
    }
  }

  void metric(AggregateRow row) throws IOException {
    json.writeStartObject();
    if (lines) {
      json.writeStringField("kind", "metrics");
    }
    json.writeObjectFieldStart("group");
    for (Map.Entry<String, String> key : row.group().entrySet()) {
      nullable(key.getKey(), key.getValue());
    }
    json.writeEndObject();
    if (row.count() != null) {
      json.writeNumberField("count", row.count());
    }
    nullable("avgDurationMs", row.avgDurationMs());
    nullable("minDurationMs", row.minDurationMs());
    nullable("maxDurationMs", row.maxDurationMs());
    nullable("p50DurationMs", row.p50DurationMs());
    nullable("p95DurationMs", row.p95DurationMs());
    nullable("p99DurationMs", row.p99DurationMs());
    nullable("errorRate", row.errorRate());
    if (row.eventsByLevel() != null) {
      json.writeObjectFieldStart("eventsByLevel");
      for (Map.Entry<EventLevel, Long> level : row.eventsByLevel().entrySet()) {
        json.writeNumberField(level.getKey().wireName(), level.getValue());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /** Closes a document ({@code traces} still open when no metrics were written). */
  void finish(boolean metricsWritten) throws IOException {
    if (!lines) {
      json.writeEndArray();
      if (!metricsWritten) {
        json.writeArrayFieldStart("metrics");
        json.writeEndArray();
      }
      json.writeEndObject();
    } else {
      json.writeRaw('\n');
    }
  }

  private void nullable(String field, String value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }

  private void nullable(String field, Double value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  /** UTF-8 text as a string, escaped where JSON needs it, or null. */
  private void text(String field, byte[] utf8) throws IOException {
    json.writeFieldName(field);
    if (utf8 == null) {
      json.writeNull();
    } else {
      json.writeUTF8String(utf8, 0, utf8.length);
    }
  }

  /** Stored JSON text, copied in as it is. */
  private void json(String field, byte[] utf8) throws IOException {
    json.writeFieldName(field);
    json.writeRawValue(RowText.string(utf8));
  }

  private void instant(String field, Long micros) throws IOException {
    nullable(field, instants.instant(micros));
  }

  private void instant(String field, long micros) throws IOException {
    json.writeStringField(field, instants.instant(micros));
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
