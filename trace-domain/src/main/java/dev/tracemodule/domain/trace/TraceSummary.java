package dev.tracemodule.domain.trace;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trace's events add up to.
 *
 * @param durationMs the trace's duration, or its elapsed time so far while it is active
 */
public record TraceSummary(
    long totalEvents,
    Map<EventLevel, Long> eventsByLevel,
    Map<String, Long> eventsByType,
    long errorCount,
    long warningCount,
    double durationMs) {

  public TraceSummary {
    // Keep the order: levels by severity, types as they first happened.
    eventsByLevel = Collections.unmodifiableMap(new EnumMap<>(eventsByLevel));
    eventsByType = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByType));
  }

  static TraceSummary of(TraceEvents events, double durationMs) {
    Map<EventLevel, Long> byLevel = events.countByLevel();
    return new TraceSummary(
        events.size(),
        byLevel,
        events.countByType(),
        byLevel.get(EventLevel.ERROR) + byLevel.get(EventLevel.CRITICAL),
        byLevel.get(EventLevel.WARN),
        durationMs);
  }
}
