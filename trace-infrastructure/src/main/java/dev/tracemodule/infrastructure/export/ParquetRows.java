package dev.tracemodule.infrastructure.export;

import static dev.tracemodule.infrastructure.export.FlatParquetWriter.binary;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet files through parquet-java, streamed to any output stream (no temporary file, no
 * seeking). Typed columns: instants as UTC timestamps in microseconds, durations as doubles,
 * optional where the data may be missing; metadata, tags and event data as JSON strings.
 */
final class ParquetRows {

  /**
   * A row group is held in memory until written, compressed: 8 MB is about 200,000 events, in the
   * range DuckDB, pandas and Spark read best (DuckDB reads row groups in parallel), and an export
   * writing its traces and events tables at once holds two.
   */
  static final int ROW_GROUP_BYTES = 8 * 1024 * 1024;

  private static final LogicalTypeAnnotation TEXT = LogicalTypeAnnotation.stringType();
  private static final LogicalTypeAnnotation UTC_MICROS =
      LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS);

  static final MessageType TRACES = Types.buildMessage()
      .addFields(traceFields(""))
      .named("trace");

  static final MessageType EVENTS = Types.buildMessage()
      .required(PrimitiveTypeName.BINARY).as(TEXT).named("event_id")
      .required(PrimitiveTypeName.BINARY).as(TEXT).named("trace_id")
      .optional(PrimitiveTypeName.BINARY).as(TEXT).named("parent_event_id")
      .required(PrimitiveTypeName.BINARY).as(TEXT).named("type")
      .required(PrimitiveTypeName.BINARY).as(TEXT).named("level")
      .optional(PrimitiveTypeName.BINARY).as(TEXT).named("message")
      .required(PrimitiveTypeName.BINARY).as(TEXT).named("data")
      .required(PrimitiveTypeName.INT64).as(UTC_MICROS).named("occurred_at")
      .optional(PrimitiveTypeName.DOUBLE).named("duration_ms")
      .addFields(traceFields("trace_"))
      .named("event");

  /** The trace's columns; in the events table under {@code trace_} and without repeating its id. */
  private static Type[] traceFields(String prefix) {
    var fields = new ArrayList<Type>();
    if (prefix.isEmpty()) {
      fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named("trace_id"));
    }
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "context_id"));
    fields.add(Types.optional(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "execution_id"));
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "type"));
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "name"));
    fields.add(Types.optional(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "description"));
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "status"));
    fields.add(Types.required(PrimitiveTypeName.INT64).as(UTC_MICROS).named(prefix + "started_at"));
    fields.add(Types.optional(PrimitiveTypeName.INT64).as(UTC_MICROS).named(prefix + "completed_at"));
    fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(prefix + "duration_ms"));
    fields.add(Types.optional(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "failure_reason"));
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "tags"));
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(TEXT).named(prefix + "metadata"));
    if (prefix.isEmpty()) {
      for (String level : new String[] {"debug", "info", "warn", "error", "critical"}) {
        fields.add(Types.optional(PrimitiveTypeName.INT32).named(level + "_events"));
      }
    }
    return fields.toArray(Type[]::new);
  }

  private ParquetRows() {}

  /** The traces table. */
  static Traces traces(OutputStream out, CompressionCodecName codec) throws IOException {
    return new Traces(writer(out, codec, TRACES));
  }

  /** The flat events table. */
  static Events events(OutputStream out, CompressionCodecName codec) throws IOException {
    return new Events(writer(out, codec, EVENTS));
  }

  /** Writes {@link #TRACES}. */
  static final class Traces implements Closeable {
    private final FlatParquetWriter file;

    private Traces(FlatParquetWriter file) {
      this.file = file;
    }

    void write(TraceRow t) throws IOException {
      int column = 0;
      file.text(column++, t.id());
      file.text(column++, t.contextId());
      file.text(column++, t.executionId());
      file.text(column++, t.type());
      file.text(column++, t.name());
      file.text(column++, t.description());
      file.text(column++, t.status());
      file.int64(column++, t.startedAt());
      file.int64(column++, t.completedAt());
      file.float64(column++, t.durationMs());
      file.text(column++, t.failureReason());
      file.text(column++, t.tags());
      file.text(column++, t.metadata());
      file.int32(column++, t.debugEvents());
      file.int32(column++, t.infoEvents());
      file.int32(column++, t.warnEvents());
      file.int32(column++, t.errorEvents());
      file.int32(column, t.criticalEvents());
      file.endRow();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** Writes {@link #EVENTS}: each event with its trace's columns. */
  static final class Events implements Closeable {
    private final FlatParquetWriter file;
    private TraceRow trace;
    /** The text columns of {@link #trace}, made once for all its events. */
    private Binary[] traceText;

    private Events(FlatParquetWriter file) {
      this.file = file;
    }

    void write(TraceRow t, EventRow e) throws IOException {
      if (t != trace) {
        trace = t;
        traceText = new Binary[] {binary(t.contextId()), binary(t.executionId()), binary(t.type()), binary(t.name()),
            binary(t.description()), binary(t.status()), binary(t.failureReason()), binary(t.tags()),
            binary(t.metadata())};
      }
      int column = 0;
      file.text(column++, e.id());
      file.text(column++, e.traceId());
      file.text(column++, e.parentId());
      file.text(column++, e.type());
      file.text(column++, e.level());
      file.text(column++, e.message());
      file.text(column++, e.data());
      file.int64(column++, e.occurredAt());
      file.float64(column++, e.durationMs());
      file.binary(column++, traceText[0]);
      file.binary(column++, traceText[1]);
      file.binary(column++, traceText[2]);
      file.binary(column++, traceText[3]);
      file.binary(column++, traceText[4]);
      file.binary(column++, traceText[5]);
      file.int64(column++, t.startedAt());
      file.int64(column++, t.completedAt());
      file.float64(column++, t.durationMs());
      file.binary(column++, traceText[6]);
      file.binary(column++, traceText[7]);
      file.binary(column, traceText[8]);
      file.endRow();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  private static FlatParquetWriter writer(OutputStream out, CompressionCodecName codec, MessageType schema)
      throws IOException {
    ParquetProperties.Builder properties = ParquetProperties.builder()
        .withValuesWriterFactory(new RepeatAwareValuesWriters())
        // Histograms of value sizes per page: newer than most readers, used by none of ours.
        .withSizeStatisticsEnabled(false);
    // Values that hardly repeat: a dictionary would be built only to be dropped.
    for (String unique : new String[] {"event_id", "trace_id", "parent_event_id", "message", "data", "occurred_at",
        "duration_ms"}) {
      properties.withDictionaryEncoding(unique, false);
    }
    // Smallest and largest values let a reader skip row groups: worth it for trace ids (the files
    // are in trace id order), times, types and levels. Event ids are looked up by trace; free text
    // and JSON never help; nor do the trace's columns repeated on its events, whose every row group
    // holds all kinds (the traces table keeps them).
    for (String text : new String[] {"event_id", "parent_event_id", "message", "data", "description",
        "failure_reason", "tags", "metadata",
        "trace_context_id", "trace_execution_id", "trace_type", "trace_name", "trace_description", "trace_status",
        "trace_failure_reason", "trace_tags", "trace_metadata"}) {
      properties.withStatisticsEnabled(text, false);
    }
    return new FlatParquetWriter(new StreamOutputFile(out), schema, properties.build(), codec, ROW_GROUP_BYTES);
  }

  /** A file that is a stream: counts its position, and leaves the stream open when closed. */
  private static final class StreamOutputFile implements OutputFile {
    private final OutputStream out;

    StreamOutputFile(OutputStream out) {
      this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
          position += length;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.flush();
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
