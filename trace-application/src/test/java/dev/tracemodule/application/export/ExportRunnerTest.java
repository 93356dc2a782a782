package dev.tracemodule.application.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.api.ExportFormat;
import dev.tracemodule.api.ExportRequest;
import dev.tracemodule.application.query.QueryMapperImpl;
import dev.tracemodule.application.trace.MutableClock;
import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportJobRepository;
import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.export.ExportStatus;
import dev.tracemodule.domain.export.TraceExporter;
import dev.tracemodule.domain.shared.TenantId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export job from queued to done or cancelled, as {@link ExportRunner} runs it, over an
 * in-memory job store and an exporter that writes one line a row and reports each row.
 */
class ExportRunnerTest {

  private static final TenantId TENANT = new TenantId("export-tests");
  private static final int ROWS = 40;

  @TempDir Path directory;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  private final InMemoryJobs jobs = new InMemoryJobs();
  private final List<String> counted = new ArrayList<>();
  /** Per row the exporter writes, the job as another instance would read it then. */
  private final List<ExportJob> seenWhileRunning = new ArrayList<>();
  private ScriptedExporter exporter;
  private ExportRequests requests;
  private ExportJobTransitions transitions;
  private ExportRunner runner;

  @BeforeEach
  void wire() {
    requests = new ExportRequests(new QueryMapperImpl());
    exporter = new ScriptedExporter();
    transitions = new ExportJobTransitions(jobs, exporter, requests, clock);
    runner = new ExportRunner();
    runner.transitions = transitions;
    runner.jobs = jobs;
    runner.stream = new StreamExportHandler(exporter);
    runner.requests = requests;
    runner.clock = clock;
    runner.directory = directory.toString();
    runner.fileLifetime = Duration.ofHours(1);
    runner.silentAfter = Duration.ofMinutes(5);
    runner.metrics = new ExportMetrics() {
      @Override
      void started(ExportSpec spec) {
        counted.add("started");
      }

      @Override
      void finished(ExportSpec spec, long rows, long bytes) {
        counted.add("finished " + rows + " rows, " + bytes + " bytes");
      }

      @Override
      void failed(ExportSpec spec) {
        counted.add("failed");
      }

      @Override
      void cancelled(ExportSpec spec) {
        counted.add("cancelled");
      }
    };
  }

  @Test
  void progressIsStoredAsRowsAreWrittenAndTheFileAppearsWhenDone() throws IOException {
    UUID id = queue();
    runner.run(TENANT, id);

    ExportJob done = jobs.find(TENANT, id).orElseThrow();
    assertThat(done.status()).isEqualTo(ExportStatus.DONE);
    assertThat(done.rowsWritten()).isEqualTo(ROWS).isEqualTo(done.rowsTotal());
    assertThat(done.percent()).isEqualTo(100.0);
    Path file = runner.fileOf(id);
    assertThat(Files.readAllLines(file)).hasSize(ROWS).first().isEqualTo("row 1");
    assertThat(done.bytesWritten()).isEqualTo(Files.size(file));
    assertThat(counted).containsExactly("started", "finished " + ROWS + " rows, " + Files.size(file) + " bytes");

    // Each row takes 100 ms of the test's clock: progress is stored every 500 ms, so every fifth row.
    List<Long> stored = seenWhileRunning.stream().map(ExportJob::rowsWritten).distinct().toList();
    assertThat(stored).containsExactly(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L);
    assertThat(seenWhileRunning).allMatch(job -> job.status() == ExportStatus.RUNNING);
    assertThat(seenWhileRunning).extracting(ExportJob::percent).contains(12.5, 50.0, 100.0);
  }

  @Test
  void aJobCancelledWhileRunningStopsAndLeavesNoFile() throws Exception {
    UUID id = queue();
    exporter.pauseAfter = 12;
    Thread running = new Thread(() -> runner.run(TENANT, id));
    running.start();
    assertThat(exporter.paused.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(directory.resolve(id + ".part"))).as("the partial file while running").isTrue();

    Optional<ExportJob> cancelled = transitions.cancelOrRemove(TENANT, jobs.find(TENANT, id).orElseThrow());
    assertThat(cancelled).map(ExportJob::status).contains(ExportStatus.CANCELLED);
    exporter.resume.countDown();
    running.join(10_000);

    assertThat(running.isAlive()).isFalse();
    assertThat(exporter.rowsWritten).as("stopped at its next progress report").isLessThan(ROWS);
    assertThat(jobs.find(TENANT, id).orElseThrow().status()).isEqualTo(ExportStatus.CANCELLED);
    try (var left = Files.list(directory)) {
      assertThat(left).as("no partial file, no file").isEmpty();
    }
    assertThat(counted).containsExactly("started", "cancelled");
  }

  @Test
  void aFailingExportFailsItsJobWithTheReasonAndLeavesNoFile() throws IOException {
    UUID id = queue();
    exporter.failAfter = 7;
    runner.run(TENANT, id);

    ExportJob failed = jobs.find(TENANT, id).orElseThrow();
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("IOException: disk full");
    try (var left = Files.list(directory)) {
      assertThat(left).isEmpty();
    }
    assertThat(counted).containsExactly("started", "failed");
  }

  private UUID queue() {
    ExportRequest request = new ExportRequest(null, ExportFormat.CSV, null, false, false, null);
    UUID id = UUID.randomUUID();
    jobs.store(ExportJob.queue(id, TENANT, requests.stored(request), "traces.csv", "text/csv", clock.instant()));
    return id;
  }

  /** Writes a line a row and reports each, as the real exporter reports every few thousand rows. */
  private final class ScriptedExporter implements TraceExporter {
    int pauseAfter = -1;
    int failAfter = -1;
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    volatile int rowsWritten;

    @Override
    public long countRows(ExportSpec spec) {
      return ROWS;
    }

    @Override
    public long export(ExportSpec spec, OutputStream out, ExportProgress progress) throws IOException {
      if (!progress.rowsWritten(0)) {
        throw new ExportCancelledException();
      }
      for (int row = 1; row <= ROWS; row++) {
        if (row == failAfter) {
          throw new IOException("disk full");
        }
        out.write(("row " + row + "\n").getBytes());
        rowsWritten = row;
        if (row == pauseAfter) {
          out.flush();
          paused.countDown();
          await(resume);
        }
        clock.advance(Duration.ofMillis(100));
        if (!progress.rowsWritten(row)) {
          throw new ExportCancelledException();
        }
        jobs.find(TENANT, jobs.only()).ifPresent(seenWhileRunning::add);
      }
      return ROWS;
    }

    private void await(CountDownLatch latch) {
      try {
        latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Jobs kept as snapshots, as a database keeps them: a job read is a copy. */
  private static final class InMemoryJobs implements ExportJobRepository {
    private final Map<UUID, ExportJob.Snapshot> stored = new ConcurrentHashMap<>();

    UUID only() {
      return stored.keySet().iterator().next();
    }

    @Override
    public void store(ExportJob job) {
      stored.put(job.id(), job.snapshot());
    }

    @Override
    public Optional<ExportJob> find(TenantId tenantId, UUID id) {
      return Optional.ofNullable(stored.get(id)).filter(job -> job.tenantId().equals(tenantId)).map(ExportJob::restore);
    }

    @Override
    public Optional<ExportJob> lock(TenantId tenantId, UUID id) {
      return find(tenantId, id);
    }

    @Override
    public int failSilentSince(Instant before, String reason, Instant now) {
      return 0;
    }

    @Override
    public List<ExportJob> filesExpiredBy(Instant now) {
      return List.of();
    }

    @Override
    public void remove(TenantId tenantId, UUID id) {
      stored.remove(id);
    }
  }
}
