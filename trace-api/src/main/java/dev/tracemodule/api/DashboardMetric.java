package dev.tracemodule.api;

/** The time series a dashboard can show. */
public enum DashboardMetric {
  /** Traces started per bucket. */
  TRACE_COUNT,
  AVG_DURATION,
  P95_DURATION,
  ERROR_RATE,
  /** Events of the traces started per bucket. */
  EVENT_COUNT
}
