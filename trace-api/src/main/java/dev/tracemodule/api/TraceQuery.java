package dev.tracemodule.api;

import java.time.Instant;
import java.util.Set;

/**
 * Which traces to list and how. Null or empty members do not filter.
 *
 * @param from traces started at or after this instant
 * @param to traces started before this instant
 * @param hasErrors true: only traces with an error or critical event; false: only those without
 * @param tags traces carrying every one of these tags
 * @param page counts from 0
 * @param size 1 to 1000; {@link #DEFAULT_SIZE} is a good start
 */
public record TraceQuery(
    String contextId,
    Set<TraceType> types,
    Set<TraceStatus> statuses,
    Instant from,
    Instant to,
    Boolean hasErrors,
    Set<String> tags,
    SortField sortBy,
    SortDirection direction,
    int page,
    int size,
    String otelTraceId) {

  public static final int DEFAULT_SIZE = 20;

  /** A query that names no OpenTelemetry trace. */
  public TraceQuery(String contextId, Set<TraceType> types, Set<TraceStatus> statuses, Instant from, Instant to,
      Boolean hasErrors, Set<String> tags, SortField sortBy, SortDirection direction, int page, int size) {
    this(contextId, types, statuses, from, to, hasErrors, tags, sortBy, direction, page, size, null);
  }

  /** The first page of all traces, newest first. */
  public static TraceQuery firstPage() {
    return new TraceQuery(null, null, null, null, null, null, null, null, null, 0, DEFAULT_SIZE);
  }

  public enum SortField {
    STARTED_AT,
    COMPLETED_AT,
    DURATION,
    NAME,
    TYPE,
    STATUS
  }

  public enum SortDirection {
    ASC,
    DESC
  }
}
