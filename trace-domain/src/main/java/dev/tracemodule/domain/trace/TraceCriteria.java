package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which traces to find. Null or empty members do not filter.
 *
 * @param startedFrom inclusive lower bound of {@code startedAt}
 * @param startedTo exclusive upper bound of {@code startedAt}
 * @param hasErrors traces with (true) or without (false) an error or critical event
 * @param tags traces carrying every one of these tags
 * @param otelTraceId traces of this OpenTelemetry trace (32 hex digits)
 */
public record TraceCriteria(
    TenantId tenantId,
    String contextId,
    Set<TraceType> types,
    Set<TraceStatus> statuses,
    Instant startedFrom,
    Instant startedTo,
    Boolean hasErrors,
    Set<String> tags,
    TraceSort sort,
    String otelTraceId) {

  public TraceCriteria {
    Objects.requireNonNull(tenantId, "tenantId");
    types = types == null ? Set.of() : Set.copyOf(types);
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    sort = Objects.requireNonNullElse(sort, TraceSort.NEWEST_FIRST);
    otelTraceId = otelTraceId == null || otelTraceId.isBlank() ? null : otelTraceId.strip().toLowerCase(Locale.ROOT);
    if (otelTraceId != null && !otelTraceId.matches("[0-9a-f]{32}")) {
      throw new InvalidValueException("otelTraceId", "must be 32 hex digits");
    }
    if (startedFrom != null && startedTo != null && !startedFrom.isBefore(startedTo)) {
      throw new InvalidValueException("from", "must be before 'to'");
    }
  }

  /** Criteria that name no OpenTelemetry trace. */
  public TraceCriteria(TenantId tenantId, String contextId, Set<TraceType> types, Set<TraceStatus> statuses,
      Instant startedFrom, Instant startedTo, Boolean hasErrors, Set<String> tags, TraceSort sort) {
    this(tenantId, contextId, types, statuses, startedFrom, startedTo, hasErrors, tags, sort, null);
  }

  public static TraceCriteria all(TenantId tenantId) {
    return new TraceCriteria(tenantId, null, null, null, null, null, null, null, null);
  }
}
