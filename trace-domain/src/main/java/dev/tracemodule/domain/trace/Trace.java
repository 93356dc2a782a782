package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One observed execution: a workflow run, an API request, a background task.
 *
 * <p>Lifecycle: a trace starts {@link TraceStatus#ACTIVE} and ends exactly once, as completed,
 * failed (with a reason), cancelled or expired. Events are accepted only while it is active, and
 * a parent event must belong to the same trace. All instants are kept to the microsecond, the
 * precision they are stored with.
 */
public final class Trace {

  public static final int MAX_REASON_LENGTH = 4_000;

  private final TenantId tenantId;
  private final TraceId id;
  private final String contextId;
  private final String executionId;
  private final TraceType type;
  private final String name;
  private final String description;
  private final JsonMap metadata;
  private final List<String> tags;
  private final Instant startedAt;
  private final String otelTraceId;
  private final String otelSpanId;
  private TraceStatus status;
  private Instant completedAt;
  private String failureReason;

  private Trace(
      TenantId tenantId,
      TraceId id,
      NewTrace what,
      Instant startedAt,
      TraceStatus status,
      Instant completedAt,
      String failureReason) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.id = Objects.requireNonNull(id, "id");
    this.contextId = what.contextId();
    this.executionId = what.executionId();
    this.type = what.type();
    this.name = what.name();
    this.description = what.description();
    this.metadata = what.metadata();
    this.tags = what.tags();
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.otelTraceId = what.otelTraceId();
    this.otelSpanId = what.otelSpanId();
    this.status = Objects.requireNonNull(status, "status");
    this.completedAt = completedAt;
    this.failureReason = failureReason;
  }

  /** Starts observing a new execution at {@code now}. */
  public static Trace start(TenantId tenantId, TraceId id, NewTrace what, Instant now) {
    return new Trace(tenantId, id, what, micros(now), TraceStatus.ACTIVE, null, null);
  }

  /** Rebuilds a trace from what was stored; storage adapters only. */
  public static Trace restore(TraceSnapshot stored) {
    NewTrace what =
        new NewTrace(
            stored.contextId(),
            stored.executionId(),
            stored.type(),
            stored.name(),
            stored.description(),
            stored.metadata(),
            stored.tags(),
            stored.otelTraceId(),
            stored.otelSpanId());
    return new Trace(
        stored.tenantId(),
        stored.id(),
        what,
        stored.startedAt(),
        stored.status(),
        stored.completedAt(),
        stored.failureReason());
  }

  public TraceSnapshot snapshot() {
    return new TraceSnapshot(
        tenantId,
        id,
        contextId,
        executionId,
        type,
        name,
        description,
        metadata,
        tags,
        status,
        startedAt,
        completedAt,
        failureReason,
        otelTraceId,
        otelSpanId);
  }

  /**
   * Records what happened, at {@code what.timestamp()} or else at {@code now}.
   *
   * @param parent the event named by {@code what.parentId()}, when one was found
   * @throws TraceNotActiveException when the trace has ended
   * @throws InvalidValueException when the parent is missing or belongs to another trace
   */
  public Event recordEvent(EventId eventId, NewEvent what, Optional<Event> parent, Instant now) {
    requireActive("record events");
    if (what.parentId() != null) {
      boolean parentHere =
          parent.filter(p -> p.id().equals(what.parentId()) && p.belongsTo(id)).isPresent();
      if (!parentHere) {
        throw new InvalidValueException(
            "parentEventId", "event " + what.parentId() + " is not an event of trace " + id);
      }
    }
    Instant at = micros(what.timestamp() != null ? what.timestamp() : now);
    return Event.recorded(tenantId, id, eventId, what, at);
  }

  public void complete(Instant now) {
    end(TraceStatus.COMPLETED, now, "be completed");
  }

  public void fail(String reason, Instant now) {
    FieldChecks checks = new FieldChecks();
    String why = checks.requiredText("reason", reason, MAX_REASON_LENGTH);
    checks.throwIfAny();
    end(TraceStatus.FAILED, now, "fail");
    this.failureReason = why;
  }

  public void cancel(Instant now) {
    end(TraceStatus.CANCELLED, now, "be cancelled");
  }

  /** Ends a trace nobody closed in time. */
  public void expire(Instant now) {
    end(TraceStatus.EXPIRED, now, "expire");
  }

  private void end(TraceStatus next, Instant now, String attempted) {
    if (!status.canMoveTo(next)) {
      throw new TraceNotActiveException(id, status, attempted);
    }
    Instant at = micros(now);
    // A clock that steps back must not give a negative duration.
    this.completedAt = at.isBefore(startedAt) ? startedAt : at;
    this.status = next;
  }

  private void requireActive(String attempted) {
    if (status != TraceStatus.ACTIVE) {
      throw new TraceNotActiveException(id, status, attempted);
    }
  }

  public boolean isActive() {
    return status == TraceStatus.ACTIVE;
  }

  /** Milliseconds from start to end, or empty while the trace is active. */
  public Optional<Double> durationMs() {
    return Optional.ofNullable(completedAt).map(end -> millisBetween(startedAt, end));
  }

  /** Milliseconds from start to end, or to {@code now} while the trace is active. */
  public double elapsedMs(Instant now) {
    return durationMs().orElseGet(() -> Math.max(0, millisBetween(startedAt, now)));
  }

  /** What the events of this trace add up to. */
  public TraceSummary summarize(TraceEvents events, Instant now) {
    return TraceSummary.of(events, elapsedMs(now));
  }

  private static double millisBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1_000_000.0;
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public TraceId id() {
    return id;
  }

  public String contextId() {
    return contextId;
  }

  /** The execution this trace belongs to, or null. */
  public String executionId() {
    return executionId;
  }

  public TraceType type() {
    return type;
  }

  public String name() {
    return name;
  }

  /** Free text, or null. */
  public String description() {
    return description;
  }

  public JsonMap metadata() {
    return metadata;
  }

  public List<String> tags() {
    return tags;
  }

  public TraceStatus status() {
    return status;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** When the trace ended, or null while it is active. */
  public Instant completedAt() {
    return completedAt;
  }

  /** The OpenTelemetry trace it belongs to (32 hex digits), or null. */
  public String otelTraceId() {
    return otelTraceId;
  }

  /** The OpenTelemetry span it was started from (16 hex digits), or null. */
  public String otelSpanId() {
    return otelSpanId;
  }

  /** Why it failed, or null unless it did. */
  public String failureReason() {
    return failureReason;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Trace trace && tenantId.equals(trace.tenantId) && id.equals(trace.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Trace[" + id + " " + type + " '" + name + "' " + status + "]";
  }
}
