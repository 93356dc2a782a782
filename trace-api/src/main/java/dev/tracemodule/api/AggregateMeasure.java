package dev.tracemodule.api;

/**
 * What an aggregation computes per group. Durations are those of ended traces, in milliseconds;
 * percentiles are interpolated ({@code percentile_cont}).
 */
public enum AggregateMeasure {
  COUNT,
  AVG_DURATION,
  MIN_DURATION,
  MAX_DURATION,
  P50_DURATION,
  P95_DURATION,
  P99_DURATION,
  /** The share of traces, 0 to 1, that failed or hold an error or critical event. */
  ERROR_RATE,
  /** Events of the group's traces, counted by level. */
  EVENTS_BY_LEVEL
}
