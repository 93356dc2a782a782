package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceTest {

  private static final Instant START = Instant.parse("2025-03-01T10:00:00.123456789Z");
  private static final Instant START_MICROS = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
  private static final TenantId TENANT = new TenantId("acme");
  private static final TraceId TRACE_ID = new TraceId(new UUID(1, 1));

  /** Every way a trace can end, with the status it ends in. */
  enum Ending {
    COMPLETE(TraceStatus.COMPLETED, (trace, now) -> trace.complete(now)),
    FAIL(TraceStatus.FAILED, (trace, now) -> trace.fail("boom", now)),
    CANCEL(TraceStatus.CANCELLED, (trace, now) -> trace.cancel(now)),
    EXPIRE(TraceStatus.EXPIRED, (trace, now) -> trace.expire(now));

    final TraceStatus status;
    private final BiConsumer<Trace, Instant> action;

    Ending(TraceStatus status, BiConsumer<Trace, Instant> action) {
      this.status = status;
      this.action = action;
    }

    void apply(Trace trace, Instant now) {
      action.accept(trace, now);
    }
  }

  private static Trace activeTrace() {
    NewTrace what =
        new NewTrace(
            "ctx-1",
            "exec-1",
            TraceType.API_REQUEST,
            "checkout",
            "a checkout request",
            JsonMap.of(Map.of("region", "eu"), "metadata"),
            List.of("web", "payments"));
    return Trace.start(TENANT, TRACE_ID, what, START);
  }

  private static Trace endedTrace(Ending ending) {
    Trace trace = activeTrace();
    ending.apply(trace, START.plusSeconds(1));
    return trace;
  }

  private static NewEvent event(String type, EventLevel level) {
    return new NewEvent(null, type, level, null, null, null, null, null);
  }

  private static NewEvent childOf(EventId parentId) {
    return new NewEvent(null, "child", EventLevel.INFO, null, null, null, null, parentId);
  }

  private static EventId eventId(long n) {
    return new EventId(new UUID(2, n));
  }

  @Nested
  class Starting {

    @Test
    void startsActiveWithTheGivenValues() {
      Trace trace = activeTrace();

      assertThat(trace.status()).isEqualTo(TraceStatus.ACTIVE);
      assertThat(trace.isActive()).isTrue();
      assertThat(trace.tenantId()).isEqualTo(TENANT);
      assertThat(trace.id()).isEqualTo(TRACE_ID);
      assertThat(trace.contextId()).isEqualTo("ctx-1");
      assertThat(trace.executionId()).isEqualTo("exec-1");
      assertThat(trace.type()).isEqualTo(TraceType.API_REQUEST);
      assertThat(trace.name()).isEqualTo("checkout");
      assertThat(trace.description()).isEqualTo("a checkout request");
      assertThat(trace.metadata().asMap()).containsExactly(Map.entry("region", "eu"));
      assertThat(trace.tags()).containsExactly("web", "payments");
      assertThat(trace.completedAt()).isNull();
      assertThat(trace.failureReason()).isNull();
    }

    @Test
    void truncatesTheStartToMicroseconds() {
      assertThat(activeTrace().startedAt()).isEqualTo(START_MICROS);
    }

    @Test
    void snapshotsItsStateAndRestoresFromIt() {
      Trace trace = activeTrace();
      trace.fail("timeout", START.plusSeconds(2));

      TraceSnapshot snapshot = trace.snapshot();
      Trace restored = Trace.restore(snapshot);

      assertThat(snapshot)
          .isEqualTo(
              new TraceSnapshot(
                  TENANT,
                  TRACE_ID,
                  "ctx-1",
                  "exec-1",
                  TraceType.API_REQUEST,
                  "checkout",
                  "a checkout request",
                  JsonMap.of(Map.of("region", "eu"), "metadata"),
                  List.of("web", "payments"),
                  TraceStatus.FAILED,
                  START_MICROS,
                  START_MICROS.plusSeconds(2),
                  "timeout"));
      assertThat(restored.snapshot()).isEqualTo(snapshot);
      assertThat(restored.durationMs()).contains(2000.0);
    }

    @Test
    void restoredEndedTraceStillRefusesEvents() {
      Trace trace = activeTrace();
      trace.expire(START.plusSeconds(2));
      Trace restored = Trace.restore(trace.snapshot());

      assertThatThrownBy(
              () -> restored.recordEvent(eventId(1), event("late", null), Optional.empty(), START))
          .isInstanceOfSatisfying(
              TraceNotActiveException.class,
              e -> assertThat(e.status()).isEqualTo(TraceStatus.EXPIRED));
    }

    @Test
    void isIdentifiedByTenantAndId() {
      Trace trace = activeTrace();
      Trace sameButEnded = endedTrace(Ending.CANCEL);
      Trace otherTenant =
          Trace.start(
              new TenantId("other"),
              TRACE_ID,
              new NewTrace("ctx", null, TraceType.CUSTOM, "n", null, null, null),
              START);

      assertThat(trace).isEqualTo(sameButEnded).hasSameHashCodeAs(sameButEnded);
      assertThat(trace).isNotEqualTo(otherTenant);
    }
  }

  @Nested
  class Transitions {

    @ParameterizedTest
    @EnumSource(Ending.class)
    void endsAnActiveTrace(Ending ending) {
      Trace trace = activeTrace();

      ending.apply(trace, START.plusSeconds(3));

      assertThat(trace.status()).isEqualTo(ending.status);
      assertThat(trace.isActive()).isFalse();
      assertThat(trace.completedAt()).isEqualTo(START_MICROS.plusSeconds(3));
      assertThat(trace.failureReason()).isEqualTo(ending == Ending.FAIL ? "boom" : null);
    }

    @Test
    void completesAnActiveTrace() {
      Trace trace = activeTrace();

      trace.complete(START.plusMillis(250));

      assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETED);
      assertThat(trace.durationMs()).contains(250.0);
    }

    @Test
    void failureKeepsTheStrippedReason() {
      Trace trace = activeTrace();

      trace.fail("  card declined \n", START.plusSeconds(1));

      assertThat(trace.failureReason()).isEqualTo("card declined");
    }

    @Test
    void failureAcceptsAReasonOfMaximumLength() {
      Trace trace = activeTrace();
      String reason = "r".repeat(Trace.MAX_REASON_LENGTH);

      trace.fail(reason, START.plusSeconds(1));

      assertThat(trace.failureReason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void failureRefusesABlankReason(String reason) {
      assertRefusedReason(reason);
    }

    @Test
    void failureRefusesANullReason() {
      assertRefusedReason(null);
    }

    @Test
    void failureRefusesATooLongReason() {
      assertRefusedReason("r".repeat(Trace.MAX_REASON_LENGTH + 1));
    }

    private void assertRefusedReason(String reason) {
      Trace trace = activeTrace();

      InvalidValueException error =
          catchThrowableOfType(
              InvalidValueException.class, () -> trace.fail(reason, START.plusSeconds(1)));

      assertThat(error.field()).isEqualTo("reason");
      assertThat(trace.status()).isEqualTo(TraceStatus.ACTIVE);
      assertThat(trace.completedAt()).isNull();
    }

    static Stream<Arguments> everyTransitionFromEveryFinalState() {
      return Stream.of(Ending.values())
          .flatMap(from -> Stream.of(Ending.values()).map(attempt -> Arguments.of(from, attempt)));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("everyTransitionFromEveryFinalState")
    void refusesAnyTransitionOnceEnded(Ending from, Ending attempt) {
      Trace trace = endedTrace(from);
      Instant endedAt = trace.completedAt();
      String reason = trace.failureReason();

      TraceNotActiveException error =
          catchThrowableOfType(
              TraceNotActiveException.class, () -> attempt.apply(trace, START.plusSeconds(9)));

      assertThat(error.status()).isEqualTo(from.status);
      assertThat(error.traceId()).isEqualTo(TRACE_ID);
      assertThat(error.getMessage()).contains(TRACE_ID.toString(), from.status.wireName());
      assertThat(trace.status()).isEqualTo(from.status);
      assertThat(trace.completedAt()).isEqualTo(endedAt);
      assertThat(trace.failureReason()).isEqualTo(reason);
    }
  }

  @Nested
  class RecordingEvents {

    @Test
    void recordsAnEventOnAnActiveTrace() {
      Trace trace = activeTrace();
      NewEvent what =
          new NewEvent(
              null,
              "payment",
              EventLevel.WARN,
              "slow",
              JsonMap.of(Map.of("ms", 900), "data"),
              null,
              12.5,
              null);

      Event event = trace.recordEvent(eventId(1), what, Optional.empty(), START.plusSeconds(1));

      assertThat(event.tenantId()).isEqualTo(TENANT);
      assertThat(event.traceId()).isEqualTo(TRACE_ID);
      assertThat(event.id()).isEqualTo(eventId(1));
      assertThat(event.parentId()).isEmpty();
      assertThat(event.type()).isEqualTo("payment");
      assertThat(event.level()).isEqualTo(EventLevel.WARN);
      assertThat(event.message()).isEqualTo("slow");
      assertThat(event.data().asMap()).containsExactly(Map.entry("ms", 900));
      assertThat(event.durationMs()).isEqualTo(12.5);
    }

    @Test
    void timestampDefaultsToNowTruncatedToMicros() {
      Instant now = Instant.parse("2025-03-01T10:00:05.000001999Z");

      Event event =
          activeTrace().recordEvent(eventId(1), event("x", null), Optional.empty(), now);

      assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-03-01T10:00:05.000001Z"));
    }

    @Test
    void keepsTheGivenTimestampTruncatedToMicros() {
      Instant given = Instant.parse("2025-03-01T09:59:59.987654321Z");
      NewEvent what = new NewEvent(null, "x", null, null, null, given, null, null);

      Event event =
          activeTrace().recordEvent(eventId(1), what, Optional.empty(), START.plusSeconds(60));

      assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-03-01T09:59:59.987654Z"));
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void refusesEventsOnceEnded(Ending ending) {
      Trace trace = endedTrace(ending);

      TraceNotActiveException error =
          catchThrowableOfType(
              TraceNotActiveException.class,
              () -> trace.recordEvent(eventId(1), event("x", null), Optional.empty(), START));

      assertThat(error.status()).isEqualTo(ending.status);
      assertThat(error.traceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void acceptsAParentOfTheSameTrace() {
      Trace trace = activeTrace();
      Event parent = trace.recordEvent(eventId(1), event("parent", null), Optional.empty(), START);

      Event child = trace.recordEvent(eventId(2), childOf(parent.id()), Optional.of(parent), START);

      assertThat(child.parentId()).contains(parent.id());
    }

    @Test
    void refusesAParentThatWasNotFound() {
      assertRefusedParent(activeTrace(), childOf(eventId(1)), Optional.empty());
    }

    @Test
    void refusesAParentOfAnotherTrace() {
      Trace other = Trace.start(TENANT, new TraceId(new UUID(1, 2)), activeTraceInput(), START);
      Event foreign = other.recordEvent(eventId(1), event("p", null), Optional.empty(), START);

      assertRefusedParent(activeTrace(), childOf(foreign.id()), Optional.of(foreign));
    }

    @Test
    void refusesAParentOtherThanTheOneNamed() {
      Trace trace = activeTrace();
      Event unrelated = trace.recordEvent(eventId(1), event("p", null), Optional.empty(), START);

      assertRefusedParent(trace, childOf(eventId(99)), Optional.of(unrelated));
    }

    private NewTrace activeTraceInput() {
      return new NewTrace("ctx", null, TraceType.CUSTOM, "other", null, null, null);
    }

    private void assertRefusedParent(Trace trace, NewEvent what, Optional<Event> parent) {
      InvalidValueException error =
          catchThrowableOfType(
              InvalidValueException.class,
              () -> trace.recordEvent(eventId(2), what, parent, START));

      assertThat(error.field()).isEqualTo("parentEventId");
      assertThat(error.reason()).contains(what.parentId().toString(), TRACE_ID.toString());
    }
  }

  @Nested
  class Durations {

    @Test
    void isEmptyWhileActive() {
      assertThat(activeTrace().durationMs()).isEmpty();
    }

    @Test
    void measuresFromStartToEndInMicroseconds() {
      Trace trace = activeTrace();

      // 1.5 s and 250 µs later; the nanoseconds beyond are truncated away at both ends
      trace.complete(Instant.parse("2025-03-01T10:00:01.623706999Z"));

      assertThat(trace.durationMs()).contains(1500.25);
    }

    @Test
    void isZeroNotNegativeWhenTheClockStepsBack() {
      Trace trace = activeTrace();
      Clock steppedBack = Clock.offset(CLOCK, Duration.ofSeconds(-5));

      trace.complete(steppedBack.instant());

      assertThat(trace.completedAt()).isEqualTo(trace.startedAt());
      assertThat(trace.durationMs()).contains(0.0);
      assertThat(trace.elapsedMs(steppedBack.instant())).isZero();
    }

    @Test
    void elapsedRunsToNowWhileActive() {
      Trace trace = activeTrace();

      assertThat(trace.elapsedMs(START_MICROS.plusMillis(1234))).isEqualTo(1234.0);
    }

    @Test
    void elapsedIsZeroWhenNowIsBeforeTheStart() {
      assertThat(activeTrace().elapsedMs(START.minusSeconds(1))).isZero();
    }

    @Test
    void elapsedIsTheDurationOnceEnded() {
      Trace trace = activeTrace();
      trace.cancel(START_MICROS.plusMillis(40));

      assertThat(trace.elapsedMs(START.plus(Duration.ofHours(1)))).isEqualTo(40.0);
    }
  }

  @Nested
  class Summary {

    @Test
    void countsEventsByLevelAndTypeWithErrorsAndWarnings() {
      Trace trace = activeTrace();
      List<Event> events =
          Stream.of(
                  event("start", EventLevel.DEBUG),
                  event("step", EventLevel.INFO),
                  event("step", EventLevel.INFO),
                  event("slow", EventLevel.WARN),
                  event("slow", EventLevel.WARN),
                  event("fault", EventLevel.ERROR),
                  event("fault", EventLevel.CRITICAL),
                  event("crash", EventLevel.CRITICAL))
              .map(what -> trace.recordEvent(EventId.next(CLOCK), what, Optional.empty(), START))
              .toList();

      TraceSummary summary =
          trace.summarize(TraceEvents.of(events), START_MICROS.plusMillis(500));

      assertThat(summary.totalEvents()).isEqualTo(8);
      assertThat(summary.errorCount()).isEqualTo(3);
      assertThat(summary.warningCount()).isEqualTo(2);
      assertThat(summary.eventsByLevel())
          .isEqualTo(
              Map.of(
                  EventLevel.DEBUG, 1L,
                  EventLevel.INFO, 2L,
                  EventLevel.WARN, 2L,
                  EventLevel.ERROR, 1L,
                  EventLevel.CRITICAL, 2L));
      assertThat(summary.eventsByType())
          .isEqualTo(Map.of("start", 1L, "step", 2L, "slow", 2L, "fault", 2L, "crash", 1L));
      assertThat(summary.durationMs()).isEqualTo(500.0);
    }

    @Test
    void summarizesNoEventsAsZeros() {
      Trace trace = activeTrace();
      trace.complete(START_MICROS.plusMillis(75));

      TraceSummary summary = trace.summarize(TraceEvents.of(List.of()), START.plusSeconds(60));

      assertThat(summary.totalEvents()).isZero();
      assertThat(summary.errorCount()).isZero();
      assertThat(summary.warningCount()).isZero();
      assertThat(summary.eventsByLevel())
          .isEqualTo(
              Map.of(
                  EventLevel.DEBUG, 0L,
                  EventLevel.INFO, 0L,
                  EventLevel.WARN, 0L,
                  EventLevel.ERROR, 0L,
                  EventLevel.CRITICAL, 0L));
      assertThat(summary.eventsByType()).isEmpty();
      assertThat(summary.durationMs()).isEqualTo(75.0);
    }
  }
}
