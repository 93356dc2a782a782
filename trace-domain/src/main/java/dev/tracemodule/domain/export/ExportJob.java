package dev.tracemodule.domain.export;

import dev.tracemodule.domain.shared.StateConflictException;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An export running in the background, and its progress. Kept in the database so that any server
 * instance can answer for it; the runner's heartbeat tells a running job from one whose server
 * stopped.
 */
public final class ExportJob {

  private final UUID id;
  private final TenantId tenantId;
  private final String request;
  private final String fileName;
  private final String contentType;
  private final Instant createdAt;
  private ExportStatus status;
  private long rowsWritten;
  private long rowsTotal;
  private long bytesWritten;
  private Instant startedAt;
  private Instant finishedAt;
  private Instant heartbeatAt;
  private Instant fileExpiresAt;
  private String failureReason;

  /** Every field, as stored. */
  public record Snapshot(
      UUID id,
      TenantId tenantId,
      String request,
      String fileName,
      String contentType,
      Instant createdAt,
      ExportStatus status,
      long rowsWritten,
      long rowsTotal,
      long bytesWritten,
      Instant startedAt,
      Instant finishedAt,
      Instant heartbeatAt,
      Instant fileExpiresAt,
      String failureReason) {}

  private ExportJob(Snapshot s) {
    this.id = Objects.requireNonNull(s.id(), "id");
    this.tenantId = Objects.requireNonNull(s.tenantId(), "tenantId");
    this.request = Objects.requireNonNull(s.request(), "request");
    this.fileName = Objects.requireNonNull(s.fileName(), "fileName");
    this.contentType = Objects.requireNonNull(s.contentType(), "contentType");
    this.createdAt = Objects.requireNonNull(s.createdAt(), "createdAt");
    this.status = Objects.requireNonNull(s.status(), "status");
    this.rowsWritten = s.rowsWritten();
    this.rowsTotal = s.rowsTotal();
    this.bytesWritten = s.bytesWritten();
    this.startedAt = s.startedAt();
    this.finishedAt = s.finishedAt();
    this.heartbeatAt = s.heartbeatAt();
    this.fileExpiresAt = s.fileExpiresAt();
    this.failureReason = s.failureReason();
  }

  /**
   * A job waiting to run.
   *
   * @param request the export request, as the runner will read it back
   */
  public static ExportJob queue(UUID id, TenantId tenantId, String request, String fileName, String contentType,
      Instant now) {
    Instant at = micros(now);
    return new ExportJob(new Snapshot(id, tenantId, request, fileName, contentType, at, ExportStatus.QUEUED, 0, 0,
        0, null, null, at, null, null));
  }

  public static ExportJob restore(Snapshot stored) {
    return new ExportJob(stored);
  }

  public Snapshot snapshot() {
    return new Snapshot(id, tenantId, request, fileName, contentType, createdAt, status, rowsWritten, rowsTotal,
        bytesWritten, startedAt, finishedAt, heartbeatAt, fileExpiresAt, failureReason);
  }

  public void start(long rowsTotal, Instant now) {
    require(ExportStatus.QUEUED, "start");
    this.status = ExportStatus.RUNNING;
    this.rowsTotal = rowsTotal;
    this.startedAt = micros(now);
    this.heartbeatAt = startedAt;
  }

  /** Rows and bytes so far; also the runner's sign of life. */
  public void progress(long rowsWritten, long bytesWritten, Instant now) {
    require(ExportStatus.RUNNING, "report progress");
    this.rowsWritten = rowsWritten;
    this.bytesWritten = bytesWritten;
    this.heartbeatAt = micros(now);
  }

  public void finish(long rowsWritten, long bytesWritten, Instant now, Duration fileLifetime) {
    require(ExportStatus.RUNNING, "finish");
    this.status = ExportStatus.DONE;
    this.rowsWritten = rowsWritten;
    // The count taken at the start may miss rows that arrived meanwhile.
    this.rowsTotal = Math.max(rowsTotal, rowsWritten);
    this.bytesWritten = bytesWritten;
    this.finishedAt = micros(now);
    this.heartbeatAt = finishedAt;
    this.fileExpiresAt = micros(now.plus(fileLifetime));
  }

  public void fail(String reason, Instant now) {
    if (status.isFinished()) {
      throw new StateConflictException("export " + id + " is " + status.name().toLowerCase() + " already");
    }
    this.status = ExportStatus.FAILED;
    this.failureReason = Objects.requireNonNull(reason, "reason");
    this.finishedAt = micros(now);
  }

  public void cancel(Instant now) {
    if (status.isFinished()) {
      throw new StateConflictException("export " + id + " is " + status.name().toLowerCase() + ", not running");
    }
    this.status = ExportStatus.CANCELLED;
    this.finishedAt = micros(now);
  }

  /** 0 to 100; 100 once done, whatever the counts. */
  public double percent() {
    if (status == ExportStatus.DONE) {
      return 100;
    }
    return rowsTotal == 0 ? 0 : Math.min(100, 100.0 * rowsWritten / rowsTotal);
  }

  /** PostgreSQL keeps microseconds: a job reads back as it was answered. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private void require(ExportStatus expected, String action) {
    if (status != expected) {
      throw new StateConflictException("cannot " + action + " export " + id + ": it is " + status.name().toLowerCase());
    }
  }

  public UUID id() {
    return id;
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public String request() {
    return request;
  }

  public String fileName() {
    return fileName;
  }

  public String contentType() {
    return contentType;
  }

  public ExportStatus status() {
    return status;
  }

  public long rowsWritten() {
    return rowsWritten;
  }

  public long rowsTotal() {
    return rowsTotal;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public Instant fileExpiresAt() {
    return fileExpiresAt;
  }

  public String failureReason() {
    return failureReason;
  }
}
