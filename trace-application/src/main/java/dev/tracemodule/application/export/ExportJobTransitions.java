package dev.tracemodule.application.export;

import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportJobRepository;
import dev.tracemodule.domain.export.ExportStatus;
import dev.tracemodule.domain.export.TraceExporter;
import dev.tracemodule.domain.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Each step of a job's life in a transaction of its own, committed at once, so that every
 * instance sees the progress while the export's own long read goes on. The job row is locked at
 * each step: a cancel and the runner take turns.
 */
@ApplicationScoped
public class ExportJobTransitions {

  private ExportJobRepository jobs;
  private TraceExporter exporter;
  private ExportRequests requests;
  private Clock clock;

  protected ExportJobTransitions() {}

  @Inject
  public ExportJobTransitions(ExportJobRepository jobs, TraceExporter exporter, ExportRequests requests, Clock clock) {
    this.jobs = jobs;
    this.exporter = exporter;
    this.requests = requests;
    this.clock = clock;
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void create(ExportJob job) {
    jobs.store(job);
  }

  /** Counts the rows and marks the job running; empty when it is no longer queued (cancelled). */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<ExportJob> start(TenantId tenant, UUID id) {
    Optional<ExportJob> found = jobs.lock(tenant, id).filter(job -> job.status() == ExportStatus.QUEUED);
    found.ifPresent(job -> {
      job.start(exporter.countRows(requests.toSpec(tenant, requests.read(job.request()))), clock.instant());
      jobs.store(job);
    });
    return found;
  }

  /** Records progress; false when the job is no longer running (it was cancelled). */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean progress(TenantId tenant, UUID id, long rows, long bytes) {
    Optional<ExportJob> found = jobs.lock(tenant, id).filter(job -> job.status() == ExportStatus.RUNNING);
    found.ifPresent(job -> {
      job.progress(rows, bytes, clock.instant());
      jobs.store(job);
    });
    return found.isPresent();
  }

  /** False when the job was cancelled meanwhile: its file must go. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean finish(TenantId tenant, UUID id, long rows, long bytes, Duration fileLifetime) {
    Optional<ExportJob> found = jobs.lock(tenant, id).filter(job -> job.status() == ExportStatus.RUNNING);
    found.ifPresent(job -> {
      job.finish(rows, bytes, clock.instant(), fileLifetime);
      jobs.store(job);
    });
    return found.isPresent();
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void fail(TenantId tenant, UUID id, String reason) {
    jobs.lock(tenant, id).filter(job -> !job.status().isFinished()).ifPresent(job -> {
      job.fail(reason, clock.instant());
      jobs.store(job);
    });
  }

  @Transactional(TxType.REQUIRES_NEW)
  public Optional<ExportJob> find(TenantId tenant, UUID id) {
    return jobs.find(tenant, id);
  }

  /** Cancels a job not finished yet and returns it; deletes a finished one and returns empty. */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<ExportJob> cancelOrRemove(TenantId tenant, ExportJob job) {
    ExportJob locked = jobs.lock(tenant, job.id()).orElse(job);
    if (locked.status().isFinished()) {
      jobs.remove(tenant, locked.id());
      return Optional.empty();
    }
    locked.cancel(clock.instant());
    jobs.store(locked);
    return Optional.of(locked);
  }
}
