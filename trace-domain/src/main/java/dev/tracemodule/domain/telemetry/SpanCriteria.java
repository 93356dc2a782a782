package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Which spans to find: those that started in {@code [from, to)}, newest first, narrowed by
 * whichever of the other members are not null. A search reads the span events of the days it
 * covers, so its window is bounded.
 *
 * @param service the {@code service.name} resource attribute
 * @param name the span name, exactly
 * @param attributes span attributes that must equal these values, compared as text ({@code
 *     http.status_code=500} matches the number 500)
 * @param minDurationMs spans that lasted at least this long
 * @param error true: spans whose status is error; false: the others
 * @param otelTraceId spans of this OpenTelemetry trace
 * @param after the position of the last span of the previous page, or null for the first
 * @param limit at least 1
 */
public record SpanCriteria(
    TenantId tenantId,
    Instant from,
    Instant to,
    String service,
    String name,
    Map<String, String> attributes,
    Double minDurationMs,
    Boolean error,
    String otelTraceId,
    SpanPosition after,
    int limit) {

  public static final Duration MAX_WINDOW = Duration.ofDays(31);

  public SpanCriteria {
    Objects.requireNonNull(tenantId, "tenantId");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    FieldChecks checks = new FieldChecks();
    checks.check(from != null, "from", "must be given");
    checks.check(to != null, "to", "must be given");
    if (from != null && to != null) {
      checks.check(from.isBefore(to), "to", "must be after from");
      checks.check(Duration.between(from, to).compareTo(MAX_WINDOW) <= 0, "to",
          "must be at most " + MAX_WINDOW.toDays() + " days after from");
    }
    checks.check(minDurationMs == null || minDurationMs >= 0, "minDurationMs", "must not be negative");
    checks.check(otelTraceId == null || OtelIds.isTraceId(otelTraceId), "otelTraceId",
        "must be 32 lower-case hex digits, not all zero");
    checks.check(limit >= 1, "size", "must be at least 1");
    checks.throwIfAny();
  }

  /** Where a span stands in the newest-first order: a page resumes after it. */
  public record SpanPosition(Instant startedAt, UUID traceId, UUID eventId) {
    public SpanPosition {
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(traceId, "traceId");
      Objects.requireNonNull(eventId, "eventId");
    }
  }
}
