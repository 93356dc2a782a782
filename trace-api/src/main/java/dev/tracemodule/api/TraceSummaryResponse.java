package dev.tracemodule.api;

import java.util.Map;

/**
 * What a trace's events add up to.
 *
 * @param eventsByLevel a count for every level, zero included
 * @param durationMs the trace's duration, or the time elapsed so far while it is active
 */
public record TraceSummaryResponse(
    long totalEvents,
    Map<EventLevel, Long> eventsByLevel,
    Map<String, Long> eventsByType,
    long errorCount,
    long warningCount,
    double durationMs) {}
