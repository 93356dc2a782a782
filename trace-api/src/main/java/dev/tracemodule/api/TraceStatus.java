package dev.tracemodule.api;

/** {@code ACTIVE} until the trace ends as completed, failed, cancelled or expired. */
public enum TraceStatus {
  ACTIVE,
  COMPLETED,
  FAILED,
  CANCELLED,
  EXPIRED
}
