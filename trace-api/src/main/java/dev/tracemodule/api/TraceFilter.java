package dev.tracemodule.api;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which traces {@link TraceManagementService#queryTraces(TraceFilter, TraceAggregation,
 * TracePageRequest)} looks at. Null or empty members do not filter; those that are set must all
 * hold.
 *
 * @param contextIds traces of any of these contexts
 * @param startedFrom traces started at or after this instant
 * @param startedTo traces started before this instant
 * @param hasErrors true: only traces with an error or critical event; false: only those without
 * @param tagsAny traces carrying at least one of these tags
 * @param tagsAll traces carrying every one of these tags
 * @param nameContains a part of the name, case ignored
 * @param minDurationMs inclusive; a trace still active has no duration and never matches
 * @param maxDurationMs inclusive
 * @param metadataContains traces whose metadata contains this JSON object: {@code {"region":
 *     "eu"}} matches metadata holding that key and value, among others
 * @param minEventLevel traces with an event of this level or a higher one
 */
public record TraceFilter(
    Set<String> contextIds,
    String executionId,
    Set<TraceType> types,
    Set<TraceStatus> statuses,
    Instant startedFrom,
    Instant startedTo,
    Boolean hasErrors,
    Set<String> tagsAny,
    Set<String> tagsAll,
    String nameContains,
    Double minDurationMs,
    Double maxDurationMs,
    Map<String, Object> metadataContains,
    EventLevel minEventLevel) {

  /** Every trace. */
  public static TraceFilter all() {
    return new TraceFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Traces started in {@code [from, to)}. */
  public static TraceFilter startedBetween(Instant from, Instant to) {
    return new TraceFilter(null, null, null, null, from, to, null, null, null, null, null, null, null, null);
  }
}
