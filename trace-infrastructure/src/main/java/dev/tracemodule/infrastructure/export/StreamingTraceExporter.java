package dev.tracemodule.infrastructure.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemodule.domain.export.ExportCompression;
import dev.tracemodule.domain.export.ExportFormat;
import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.export.TraceExporter;
import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.TraceQueries;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.hibernate.Session;

/**
 * {@link TraceExporter} from PostgreSQL: rows come through server-side cursors on the
 * transaction's connection and go straight to the writer of the format. Several files (CSV or
 * Parquet events and traces, metrics beside them) are entries of one zip, written one after the
 * other from a single pass over the data.
 */
@ApplicationScoped
public class StreamingTraceExporter implements TraceExporter {

  /** Progress is reported, and a cancel noticed, every this many rows. */
  static final int PROGRESS_EVERY = 5_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private TraceQueries queries;
  @Inject private Clock clock;

  // The reading thread of an export: the container's, so it runs with the application's context.
  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ThreadFactory threads;

  protected StreamingTraceExporter() {}

  /** Outside a container, reading on threads of {@code threads}. */
  public StreamingTraceExporter(EntityManager em, TraceQueries queries, Clock clock, ThreadFactory threads) {
    this.em = em;
    this.queries = queries;
    this.clock = clock;
    this.threads = threads;
  }

  @Override
  public long countRows(ExportSpec spec) {
    return onConnection(connection -> {
      ExportRows rows = new ExportRows(connection, threads);
      long traces = rows.countTraces(spec.filter());
      return spec.includeEvents() ? traces + rows.countEvents(spec.filter()) : traces;
    });
  }

  @Override
  public long export(ExportSpec spec, OutputStream out, ExportProgress progress) throws IOException {
    List<AggregateRow> metrics = spec.includeMetrics() ? queries.aggregate(spec.filter(), spec.metrics()) : List.of();
    Rows counter = new Rows(progress);
    try {
      onConnection(connection -> {
        ExportRows rows = new ExportRows(connection, threads);
        if (spec.zipped()) {
          zip(spec, rows, metrics, out, counter);
        } else if (spec.gzipped()) {
          try (OutputStream gzip = new FastGzipOutputStream(out);
              OutputStream deflating = new PipelinedOutputStream(gzip, threads)) {
            single(spec, rows, metrics, deflating, counter);
          }
        } else {
          single(spec, rows, metrics, out, counter);
        }
        return null;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return counter.count;
  }

  /** One file: a JSON document, NDJSON, or the traces as CSV or Parquet. */
  private void single(ExportSpec spec, ExportRows rows, List<AggregateRow> metrics, OutputStream out, Rows counter)
      throws SQLException, IOException {
    switch (spec.format()) {
      case JSON, NDJSON -> json(spec, rows, metrics, out, counter);
      case CSV -> csvTraces(spec, rows, out, counter);
      case PARQUET -> parquetTraces(spec, rows, out, counter);
    }
  }

  private void json(ExportSpec spec, ExportRows rows, List<AggregateRow> metrics, OutputStream out, Rows counter)
      throws SQLException, IOException {
    boolean lines = spec.format() == ExportFormat.NDJSON;
    try (JsonRows json = lines ? JsonRows.lines(out) : JsonRows.document(out, clock.instant())) {
      if (spec.includeEvents()) {
        boolean[] open = {false};
        rows.tracesWithEvents(spec.filter(), row -> {
          if (row instanceof TraceRow trace) {
            if (open[0]) {
              json.endTrace(true);
            }
            json.startTrace(trace, true);
            open[0] = true;
          } else {
            json.event((EventRow) row);
          }
          counter.add();
        });
        if (open[0]) {
          json.endTrace(true);
        }
      } else {
        rows.traces(spec.filter(), row -> {
          json.startTrace((TraceRow) row, false);
          json.endTrace(false);
          counter.add();
        });
      }
      if (!metrics.isEmpty()) {
        json.startMetrics();
        for (AggregateRow row : metrics) {
          json.metric(row);
        }
      }
      json.finish(!metrics.isEmpty());
    }
  }

  private void zip(ExportSpec spec, ExportRows rows, List<AggregateRow> metrics, OutputStream out, Rows counter)
      throws SQLException, IOException {
    boolean parquet = spec.format() == ExportFormat.PARQUET;
    ZipOutputStream zip = new ZipOutputStream(nonClosing(out));
    // Parquet columns are compressed already; CSV entries deflate when gzip was asked for.
    zip.setLevel(parquet || spec.compression() == ExportCompression.NONE ? Deflater.NO_COMPRESSION : FastGzipOutputStream.LEVEL);
    String extension = parquet ? ".parquet" : ".csv";
    if (spec.includeEvents()) {
      tracesAndEvents(spec, rows, zip, extension, counter);
    } else {
      zip.putNextEntry(new ZipEntry("traces" + extension));
      if (parquet) {
        parquetTraces(spec, rows, zip, counter);
      } else {
        csvTraces(spec, rows, zip, counter);
      }
      zip.closeEntry();
    }
    if (spec.includeMetrics()) {
      if (parquet) {
        zip.putNextEntry(new ZipEntry("metrics.json"));
        JSON.writeValue(nonClosing(zip), metrics);
      } else {
        zip.putNextEntry(new ZipEntry("metrics.csv"));
        try (CsvRows csv = CsvRows.metrics(zip)) {
          for (AggregateRow row : metrics) {
            csv.metric(row, JSON.writeValueAsString(row.group()),
                row.eventsByLevel() == null ? null : JSON.writeValueAsString(row.eventsByLevel()));
          }
        }
      }
      zip.closeEntry();
    }
    zip.finish();
  }

  /**
   * The events file and the traces file from one pass over the data: the events go straight into
   * their zip entry, the traces meanwhile into a temporary file that follows as the next entry. A
   * second pass would read every trace twice, and the traces file would hold up the first byte.
   */
  private void tracesAndEvents(ExportSpec spec, ExportRows rows, ZipOutputStream zip, String extension, Rows counter)
      throws SQLException, IOException {
    Path tracesFile = Files.createTempFile("trace-export-", extension);
    try {
      zip.putNextEntry(new ZipEntry("events" + extension));
      // The zip deflates and sends the events on a thread of its own, while this one encodes them.
      try (OutputStream traces = new BufferedOutputStream(Files.newOutputStream(tracesFile), 64 * 1024);
          OutputStream events = new PipelinedOutputStream(zip, threads);
          TraceAndEventFiles files = spec.format() == ExportFormat.PARQUET
              ? new ParquetFiles(traces, events, codec(spec))
              : new CsvFiles(traces, events)) {
        TraceRow[] trace = {null};
        rows.tracesWithEvents(spec.filter(), row -> {
          if (row instanceof TraceRow next) {
            trace[0] = next;
            files.trace(next);
          } else {
            files.event(trace[0], (EventRow) row);
          }
          counter.add();
        });
      }
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("traces" + extension));
      Files.copy(tracesFile, zip);
      zip.closeEntry();
    } finally {
      Files.deleteIfExists(tracesFile);
    }
  }

  /** The traces file and the events file of one export, written side by side. */
  private interface TraceAndEventFiles extends Closeable {
    void trace(TraceRow trace) throws IOException;

    void event(TraceRow trace, EventRow event) throws IOException;
  }

  private static final class CsvFiles implements TraceAndEventFiles {
    private final CsvRows traces;
    private final CsvRows events;

    CsvFiles(OutputStream traces, OutputStream events) throws IOException {
      this.traces = CsvRows.traces(traces);
      this.events = CsvRows.events(events);
    }

    @Override
    public void trace(TraceRow trace) throws IOException {
      traces.trace(trace);
    }

    @Override
    public void event(TraceRow trace, EventRow event) throws IOException {
      events.event(event);
    }

    @Override
    public void close() throws IOException {
      try (events) {
        traces.close();
      }
    }
  }

  private static final class ParquetFiles implements TraceAndEventFiles {
    private final ParquetRows.Traces traces;
    private final ParquetRows.Events events;

    ParquetFiles(OutputStream traces, OutputStream events, CompressionCodecName codec) throws IOException {
      this.traces = ParquetRows.traces(traces, codec);
      this.events = ParquetRows.events(events, codec);
    }

    @Override
    public void trace(TraceRow trace) throws IOException {
      traces.write(trace);
    }

    @Override
    public void event(TraceRow trace, EventRow event) throws IOException {
      events.write(trace, event);
    }

    @Override
    public void close() throws IOException {
      try (events) {
        traces.close();
      }
    }
  }

  private void csvTraces(ExportSpec spec, ExportRows rows, OutputStream out, Rows counter)
      throws SQLException, IOException {
    try (CsvRows csv = CsvRows.traces(out)) {
      rows.traces(spec.filter(), row -> {
        csv.trace((TraceRow) row);
        counter.add();
      });
    }
  }

  private void parquetTraces(ExportSpec spec, ExportRows rows, OutputStream out, Rows counter)
      throws SQLException, IOException {
    try (ParquetRows.Traces traces = ParquetRows.traces(out, codec(spec))) {
      rows.traces(spec.filter(), row -> {
        traces.write((TraceRow) row);
        counter.add();
      });
    }
  }

  private static CompressionCodecName codec(ExportSpec spec) {
    return switch (spec.compression()) {
      case SNAPPY -> CompressionCodecName.SNAPPY;
      case ZSTD -> CompressionCodecName.ZSTD;
      default -> CompressionCodecName.UNCOMPRESSED;
    };
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  /** Counts rows, reporting every {@link #PROGRESS_EVERY}; a report answered false stops the export. */
  private static final class Rows {
    private final ExportProgress progress;
    long count;

    Rows(ExportProgress progress) {
      this.progress = progress;
      if (!progress.rowsWritten(0)) {
        throw new ExportCancelledException(); // cancelled before it began
      }
    }

    void add() {
      if (++count % PROGRESS_EVERY == 0 && !progress.rowsWritten(count)) {
        throw new ExportCancelledException();
      }
    }
  }

  @FunctionalInterface
  private interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException, IOException;
  }

  private <T> T onConnection(ConnectionWork<T> work) {
    return em.unwrap(Session.class).doReturningWork(connection -> {
      try {
        return work.run(connection);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
