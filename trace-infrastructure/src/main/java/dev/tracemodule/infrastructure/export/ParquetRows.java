package dev.tracemodule.infrastructure.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
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
   * A row group is held in memory until written: 32 MB keeps two exports at once well inside a
   * 256 MB heap, and is still large enough for DuckDB, pandas and Spark to read efficiently.
   */
  static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;

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
    var fields = new java.util.ArrayList<Type>();
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

  /** A row of the flat events table: the event and its trace. */
  record EventWithTrace(TraceRow trace, EventRow event) {}

  /**
   * The trace's text columns encoded once for all its events, rather than once per event: a
   * trace has about ten. The events writer keeps the one of the trace it is on.
   */
  private static final class TraceText {
    final TraceRow trace;
    final Binary[] columns;

    TraceText(TraceRow t) {
      trace = t;
      columns = new Binary[] {bytes(t.contextId()), bytes(t.executionId()), bytes(t.type()), bytes(t.name()),
          bytes(t.description()), bytes(t.status()), bytes(t.failureReason()), bytes(t.tags()), bytes(t.metadata())};
    }

    private static Binary bytes(String value) {
      return value == null ? null : Binary.fromConstantByteArray(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private ParquetRows() {}

  static ParquetWriter<TraceRow> traces(OutputStream out, CompressionCodecName codec) throws IOException {
    return writer(out, codec, TRACES, (rows, t) -> {
      int i = 0;
      text(rows, "trace_id", i++, t.id().toString());
      i = trace(rows, "", i, t);
      for (Integer count : new Integer[] {t.debugEvents(), t.infoEvents(), t.warnEvents(), t.errorEvents(), t.criticalEvents()}) {
        if (count != null) {
          String name = TRACES.getFieldName(i);
          rows.startField(name, i);
          rows.addInteger(count);
          rows.endField(name, i);
        }
        i++;
      }
    });
  }

  static ParquetWriter<EventWithTrace> events(OutputStream out, CompressionCodecName codec) throws IOException {
    TraceText[] current = {null};
    return writer(out, codec, EVENTS, (rows, row) -> {
      EventRow e = row.event();
      text(rows, "event_id", 0, e.id().toString());
      text(rows, "trace_id", 1, e.traceId().toString());
      text(rows, "parent_event_id", 2, e.parentId() == null ? null : e.parentId().toString());
      text(rows, "type", 3, e.type());
      text(rows, "level", 4, e.level());
      text(rows, "message", 5, e.message());
      text(rows, "data", 6, e.data());
      micros(rows, "occurred_at", 7, e.occurredAt());
      number(rows, "duration_ms", 8, e.durationMs());
      if (current[0] == null || current[0].trace != row.trace()) {
        current[0] = new TraceText(row.trace());
      }
      traceOfEvent(rows, 9, row.trace(), current[0].columns);
    });
  }

  /** Writes the trace's columns from {@code index} on; returns the index after them. */
  private static int trace(RecordConsumer rows, String prefix, int index, TraceRow t) {
    int i = index;
    text(rows, prefix + "context_id", i++, t.contextId());
    text(rows, prefix + "execution_id", i++, t.executionId());
    text(rows, prefix + "type", i++, t.type());
    text(rows, prefix + "name", i++, t.name());
    text(rows, prefix + "description", i++, t.description());
    text(rows, prefix + "status", i++, t.status());
    micros(rows, prefix + "started_at", i++, t.startedAt());
    micros(rows, prefix + "completed_at", i++, t.completedAt());
    number(rows, prefix + "duration_ms", i++, t.durationMs());
    text(rows, prefix + "failure_reason", i++, t.failureReason());
    text(rows, prefix + "tags", i++, t.tags());
    text(rows, prefix + "metadata", i++, t.metadata());
    return i;
  }

  /** The trace's columns of the events table, from {@code index} on, its text encoded already. */
  private static void traceOfEvent(RecordConsumer rows, int index, TraceRow t, Binary[] text) {
    int i = index;
    binary(rows, "trace_context_id", i++, text[0]);
    binary(rows, "trace_execution_id", i++, text[1]);
    binary(rows, "trace_type", i++, text[2]);
    binary(rows, "trace_name", i++, text[3]);
    binary(rows, "trace_description", i++, text[4]);
    binary(rows, "trace_status", i++, text[5]);
    micros(rows, "trace_started_at", i++, t.startedAt());
    micros(rows, "trace_completed_at", i++, t.completedAt());
    number(rows, "trace_duration_ms", i++, t.durationMs());
    binary(rows, "trace_failure_reason", i++, text[6]);
    binary(rows, "trace_tags", i++, text[7]);
    binary(rows, "trace_metadata", i, text[8]);
  }

  private static void binary(RecordConsumer rows, String name, int index, Binary value) {
    if (value != null) {
      rows.startField(name, index);
      rows.addBinary(value);
      rows.endField(name, index);
    }
  }

  private static void text(RecordConsumer rows, String name, int index, String value) {
    if (value != null) {
      rows.startField(name, index);
      // Array-backed: hashing and comparing it for the dictionary is cheaper than a buffer's.
      rows.addBinary(Binary.fromConstantByteArray(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      rows.endField(name, index);
    }
  }

  private static void micros(RecordConsumer rows, String name, int index, Instant value) {
    if (value != null) {
      rows.startField(name, index);
      rows.addLong(ChronoUnit.MICROS.between(Instant.EPOCH, value));
      rows.endField(name, index);
    }
  }

  private static void number(RecordConsumer rows, String name, int index, Double value) {
    if (value != null) {
      rows.startField(name, index);
      rows.addDouble(value);
      rows.endField(name, index);
    }
  }

  private static <T> ParquetWriter<T> writer(
      OutputStream out, CompressionCodecName codec, MessageType schema, BiConsumer<RecordConsumer, T> fields)
      throws IOException {
    Builder<T> builder = new Builder<>(new StreamOutputFile(out), schema, fields)
        .withCompressionCodec(codec)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    // Values that hardly repeat: a dictionary would be built only to be dropped.
    for (String unique : new String[] {"event_id", "parent_event_id", "occurred_at", "duration_ms"}) {
      builder.withDictionaryEncoding(unique, false);
    }
    // Smallest and largest of free text or JSON help no reader skip anything.
    for (String text : new String[] {"message", "data", "description", "failure_reason", "tags", "metadata",
        "trace_description", "trace_failure_reason", "trace_tags", "trace_metadata"}) {
      builder.withStatisticsEnabled(text, false);
    }
    return builder.build();
  }

  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final MessageType schema;
    private final BiConsumer<RecordConsumer, T> fields;

    Builder(OutputFile file, MessageType schema, BiConsumer<RecordConsumer, T> fields) {
      super(file);
      this.schema = schema;
      this.fields = fields;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return new RowWriteSupport<>(schema, fields);
    }

  }

  private static final class RowWriteSupport<T> extends WriteSupport<T> {
    private final MessageType schema;
    private final BiConsumer<RecordConsumer, T> fields;
    private RecordConsumer rows;

    RowWriteSupport(MessageType schema, BiConsumer<RecordConsumer, T> fields) {
      this.schema = schema;
      this.fields = fields;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }


    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rows = recordConsumer;
    }

    @Override
    public void write(T record) {
      rows.startMessage();
      fields.accept(rows, record);
      rows.endMessage();
    }
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
