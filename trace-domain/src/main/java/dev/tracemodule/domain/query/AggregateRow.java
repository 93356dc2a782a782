package dev.tracemodule.domain.query;

import dev.tracemodule.domain.trace.EventLevel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group of an aggregation: its keys by grouping name (a time bucket as its ISO-8601 start),
 * and the measures asked for. A measure not asked for is null, as is a duration statistic of a
 * group with no ended trace.
 */
public record AggregateRow(
    Map<String, String> group,
    Long count,
    Double avgDurationMs,
    Double minDurationMs,
    Double maxDurationMs,
    Double p50DurationMs,
    Double p95DurationMs,
    Double p99DurationMs,
    Double errorRate,
    Map<EventLevel, Long> eventsByLevel) {

  public AggregateRow {
    // Group values may be null (traces without a metadata key), which Map.copyOf refuses.
    group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
    eventsByLevel = eventsByLevel == null ? null : Collections.unmodifiableMap(new EnumMap<>(eventsByLevel));
  }
}
