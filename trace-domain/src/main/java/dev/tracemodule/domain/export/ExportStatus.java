package dev.tracemodule.domain.export;

/** Where an export job is: queued, then running, then done, failed or cancelled. */
public enum ExportStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  public boolean isFinished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
