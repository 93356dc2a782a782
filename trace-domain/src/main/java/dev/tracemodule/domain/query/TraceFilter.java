package dev.tracemodule.domain.query;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which traces a query or an aggregation looks at. Null or empty members do not filter; the
 * members that are set must all hold.
 *
 * @param startedFrom inclusive lower bound of the start
 * @param startedTo exclusive upper bound of the start
 * @param hasErrors traces with (true) or without (false) an error or critical event
 * @param tagsAny traces carrying at least one of these tags
 * @param tagsAll traces carrying every one of these tags
 * @param nameContains a substring of the name, case ignored
 * @param minDurationMs inclusive; traces still active have no duration and never match
 * @param maxDurationMs inclusive
 * @param metadataContains traces whose metadata contains this JSON object (PostgreSQL's {@code @>})
 * @param minEventLevel traces with at least one event of this level or a higher one
 */
public record TraceFilter(
    TenantId tenantId,
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
    JsonMap metadataContains,
    EventLevel minEventLevel) {

  public static final int MAX_VALUES = 1_000;
  public static final int MAX_TEXT = 255;

  public TraceFilter {
    Objects.requireNonNull(tenantId, "tenantId");
    List<InvalidValueException.Violation> violations = new ArrayList<>();
    contextIds = copy("contextIds", contextIds, violations);
    types = copy("types", types, violations);
    statuses = copy("statuses", statuses, violations);
    tagsAny = copy("tagsAny", tagsAny, violations);
    tagsAll = copy("tagsAll", tagsAll, violations);
    metadataContains = metadataContains == null ? JsonMap.EMPTY : metadataContains;
    nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
    if (startedFrom != null && startedTo != null && !startedFrom.isBefore(startedTo)) {
      violations.add(new InvalidValueException.Violation("startedTo", "must be after startedFrom"));
    }
    checkDuration("minDurationMs", minDurationMs, violations);
    checkDuration("maxDurationMs", maxDurationMs, violations);
    if (minDurationMs != null && maxDurationMs != null && minDurationMs > maxDurationMs) {
      violations.add(new InvalidValueException.Violation("maxDurationMs", "must not be below minDurationMs"));
    }
    checkValues("contextIds", contextIds, violations);
    checkValues("tagsAny", tagsAny, violations);
    checkValues("tagsAll", tagsAll, violations);
    checkText("executionId", executionId, violations);
    checkText("nameContains", nameContains, violations);
    if (!violations.isEmpty()) {
      throw new InvalidValueException(violations);
    }
  }

  /** Every trace of the tenant. */
  public static TraceFilter all(TenantId tenantId) {
    return new TraceFilter(tenantId, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  public TraceFilter startedBetween(Instant from, Instant to) {
    return new TraceFilter(tenantId, contextIds, executionId, types, statuses, from, to, hasErrors, tagsAny,
        tagsAll, nameContains, minDurationMs, maxDurationMs, metadataContains, minEventLevel);
  }

  /** Every trace of the tenant in one of these statuses. */
  public static TraceFilter ofStatuses(TenantId tenantId, Set<TraceStatus> statuses) {
    return new TraceFilter(tenantId, null, null, null, statuses, null, null, null, null, null, null, null, null,
        null, null);
  }

  private static <T> Set<T> copy(String field, Set<T> values, List<InvalidValueException.Violation> out) {
    if (values == null) {
      return Set.of();
    }
    for (T value : values) { // not contains(null): Set.of() throws on it
      if (value == null) {
        out.add(new InvalidValueException.Violation(field, "must not hold null"));
        return Set.of();
      }
    }
    return Set.copyOf(values);
  }

  private static void checkDuration(String field, Double value, List<InvalidValueException.Violation> out) {
    if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
      out.add(new InvalidValueException.Violation(field, "must be a finite number, 0 or more"));
    }
  }

  private static void checkValues(String field, Set<String> values, List<InvalidValueException.Violation> out) {
    if (values.size() > MAX_VALUES) {
      out.add(new InvalidValueException.Violation(field, "must hold at most " + MAX_VALUES + " values"));
    }
    for (String value : values) {
      if (value == null || value.isEmpty() || value.length() > MAX_TEXT) {
        out.add(new InvalidValueException.Violation(field, "values must have 1 to " + MAX_TEXT + " characters"));
        return;
      }
    }
  }

  private static void checkText(String field, String value, List<InvalidValueException.Violation> out) {
    if (value != null && value.length() > MAX_TEXT) {
      out.add(new InvalidValueException.Violation(field, "must have at most " + MAX_TEXT + " characters"));
    }
  }
}
