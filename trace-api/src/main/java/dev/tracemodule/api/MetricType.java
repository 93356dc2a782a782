package dev.tracemodule.api;

/** The figures {@link TraceManagementService#getMetrics} can give. */
public enum MetricType {
  /** Traces started in the range. */
  REQUEST_COUNT,
  /** Durations of the traces started in the range that have ended: average, percentiles, max. */
  RESPONSE_TIME,
  /** The share of traces started in the range that failed or hold an error event. */
  ERROR_RATE,
  /** Traces active now, whenever they started. */
  ACTIVE_TRACES,
  /** Events of the traces started in the range, per second of the range. */
  EVENT_RATE,
  /** The answering server's own: CPU load, heap, threads, uptime. */
  SYSTEM
}
