package dev.tracemodule.api;

import java.util.List;
import java.util.Set;

/**
 * How to aggregate the filtered traces; computed by the database.
 *
 * @param groupBy keys, in order: {@code type}, {@code status}, {@code contextId}, {@code name},
 *     {@code metadata.<key>} (a top-level metadata key) and {@code time.<bucket>} (the start, in
 *     buckets of {@code 1m}, {@code 5m}, {@code 1h} or {@code 1d} since the epoch). None: one row
 *     over all traces.
 * @param measures what to compute per group; none means {@link AggregateMeasure#COUNT}
 */
public record TraceAggregation(List<String> groupBy, Set<AggregateMeasure> measures) {

  /** Rows an aggregation may return. */
  public static final int MAX_ROWS = 10_000;
}
