package dev.tracemodule.api;

import java.util.Map;

/**
 * One group: its keys by name ({@code type}, {@code metadata.region}, {@code time} as the
 * ISO-8601 start of its bucket, ...), and the measures asked for; the others are null, as are
 * duration figures of a group with no ended trace.
 */
public record AggregateRowResponse(
    Map<String, String> group,
    Long count,
    Double avgDurationMs,
    Double minDurationMs,
    Double maxDurationMs,
    Double p50DurationMs,
    Double p95DurationMs,
    Double p99DurationMs,
    Double errorRate,
    Map<EventLevel, Long> eventsByLevel) {}
