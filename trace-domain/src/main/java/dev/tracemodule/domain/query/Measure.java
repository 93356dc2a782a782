package dev.tracemodule.domain.query;

/** What an aggregation computes for each group. Durations are those of ended traces. */
public enum Measure {
  COUNT,
  AVG_DURATION,
  MIN_DURATION,
  MAX_DURATION,
  P50_DURATION,
  P95_DURATION,
  P99_DURATION,
  /** The share of traces that failed or hold an error or critical event, 0 to 1. */
  ERROR_RATE,
  /** Events of the group's traces, counted by level. */
  EVENTS_BY_LEVEL
}
