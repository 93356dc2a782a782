package dev.tracemodule.application.export;

import dev.tracemodule.api.ExportRequest;
import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportJobRepository;
import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.export.TraceExporter;
import dev.tracemodule.domain.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs export jobs on the executor the web module hands over, writing each file under the export
 * directory: first as {@code <id>.part}, renamed when complete, so a half-written file is never
 * served. The directory must be shared by all instances for any of them to serve any file.
 */
@ApplicationScoped
public class ExportRunner {

  private static final Logger LOG = Logger.getLogger(ExportRunner.class.getName());

  /** How often a running job stores its progress; a cancel is noticed as often. */
  static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

  @Inject ExportJobTransitions transitions;
  @Inject ExportJobRepository jobs;
  @Inject StreamExportHandler stream;
  @Inject ExportRequests requests;
  @Inject ExportMetrics metrics;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "trace.export.directory", defaultValue = "${java.io.tmpdir}/trace-exports")
  String directory;

  @Inject
  @ConfigProperty(name = "trace.export.file-lifetime", defaultValue = "PT24H")
  Duration fileLifetime;

  @Inject
  @ConfigProperty(name = "trace.export.silent-after", defaultValue = "PT5M")
  Duration silentAfter;

  private volatile ExecutorService executor;

  /** Called once by the web module with its managed executor. */
  public void useExecutor(ExecutorService executor) {
    this.executor = executor;
  }

  Path directory() throws IOException {
    return Files.createDirectories(Path.of(directory));
  }

  Path fileOf(UUID id) throws IOException {
    return directory().resolve(id + ".export");
  }

  private Path partOf(UUID id) throws IOException {
    return directory().resolve(id + ".part");
  }

  void submit(TenantId tenant, UUID id) {
    ExecutorService running = executor;
    if (running == null) {
      throw new IllegalStateException("export jobs are not started: no executor was handed over");
    }
    running.submit(() -> run(tenant, id));
  }

  void run(TenantId tenant, UUID id) {
    ExportSpec spec = null;
    try {
      Optional<ExportJob> started = transitions.start(tenant, id);
      if (started.isEmpty()) {
        return; // cancelled before it began
      }
      ExportRequest request = requests.read(started.get().request());
      spec = requests.toSpec(tenant, request);
      metrics.started(spec);
      Path part = partOf(id);
      long rows;
      long bytes;
      try (Counting out = new Counting(new BufferedOutputStream(Files.newOutputStream(part), 256 * 1024))) {
        rows = stream.handle(spec, out, new ThrottledProgress(tenant, id, out));
        out.flush();
        bytes = out.count;
      } catch (TraceExporter.ExportCancelledException cancelled) {
        Files.deleteIfExists(part);
        metrics.cancelled(spec);
        return;
      }
      Files.move(part, fileOf(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (transitions.finish(tenant, id, rows, bytes, fileLifetime)) {
        metrics.finished(spec, rows, bytes);
      } else {
        Files.deleteIfExists(fileOf(id)); // cancelled at the last moment
        metrics.cancelled(spec);
      }
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "export " + id + " failed", e);
      try {
        Files.deleteIfExists(partOf(id));
      } catch (IOException ignored) {
        // The file expiry sweeps what is left.
      }
      transitions.fail(tenant, id, reason(e));
      if (spec != null) {
        metrics.failed(spec);
      }
    }
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * Fails jobs whose runner went silent (its server stopped), and deletes files, with their jobs,
   * past their lifetime. Safe on every instance at once.
   */
  @Transactional
  public void upkeep() {
    var now = clock.instant();
    int failed = jobs.failSilentSince(now.minus(silentAfter), "the server running it stopped", now);
    if (failed > 0) {
      LOG.info("failed " + failed + " export jobs whose server stopped");
    }
    for (ExportJob expired : jobs.filesExpiredBy(now)) {
      try {
        Files.deleteIfExists(fileOf(expired.id()));
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not delete the file of export " + expired.id(), e);
        continue;
      }
      jobs.remove(expired.tenantId(), expired.id());
    }
  }

  /**
   * Stores a job's progress, and learns whether it was cancelled, at most every {@link
   * #PROGRESS_INTERVAL}: each report is a transaction of its own, and one every few thousand rows
   * cost a fast export a third of its time in commits.
   */
  private final class ThrottledProgress implements TraceExporter.ExportProgress {
    private final TenantId tenant;
    private final UUID id;
    private final Counting out;
    private java.time.Instant next = java.time.Instant.MIN;

    ThrottledProgress(TenantId tenant, UUID id, Counting out) {
      this.tenant = tenant;
      this.id = id;
      this.out = out;
    }

    @Override
    public boolean rowsWritten(long rows) {
      var now = clock.instant();
      if (now.isBefore(next)) {
        return true;
      }
      next = now.plus(PROGRESS_INTERVAL);
      return transitions.progress(tenant, id, rows, out.count);
    }
  }

  /** Counts the bytes that pass. */
  static final class Counting extends FilterOutputStream {
    volatile long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }
  }
}
