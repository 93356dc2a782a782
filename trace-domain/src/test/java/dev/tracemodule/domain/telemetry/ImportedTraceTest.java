package dev.tracemodule.domain.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportedTraceTest {

  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String ROOT = "eee19b7ec3c1b174";
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.000000500Z");
  private static final JsonMap RESOURCE = JsonMap.of(Map.of("service.name", "checkout"), "resource");

  @Test
  void untilItsRootArrivesATraceIsActiveNamedByItsEarliestSpanAndStartedAtTheEarliestStart() {
    ImportedTrace trace = ImportedTrace.begun(TenantId.DEFAULT, TRACE,
        List.of(span("b000000000000002", ROOT, "SELECT", 40, 60, "unset"),
            span("b000000000000001", ROOT, "load", 10, 30, "unset")), "service.name");

    assertThat(trace.status()).isEqualTo(TraceStatus.ACTIVE);
    assertThat(trace.name()).isEqualTo("load");
    assertThat(trace.startedAt()).isEqualTo(stored(10));
    assertThat(trace.contextId()).isEqualTo("checkout");
    assertThat(trace.id().value().version()).isEqualTo(7);

    assertThat(trace.absorb(List.of(span("b000000000000003", ROOT, "earlier", 5, 8, "unset")), "service.name"))
        .isFalse();
    assertThat(trace.startedAt()).isEqualTo(stored(5));
  }

  @Test
  void theRootNamesTypesStartsAndEndsTheTrace() {
    ImportedTrace trace = ImportedTrace.begun(TenantId.DEFAULT, TRACE,
        List.of(span("b000000000000001", ROOT, "load", 10, 30, "unset")), "service.name");
    ImportedSpan root = new ImportedSpan(TRACE, ROOT, null, "POST /orders", "server", at(0), at(150), "ok", null,
        JsonMap.of(Map.of("trace.type", "workflow_execution"), "attributes"), RESOURCE, null, null, null);

    assertThat(trace.absorb(List.of(root), "service.name")).as("ended now").isTrue();
    assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(trace.name()).isEqualTo("POST /orders");
    assertThat(trace.type()).isEqualTo(TraceType.WORKFLOW_EXECUTION);
    assertThat(trace.startedAt()).isEqualTo(stored(0));
    assertThat(trace.completedAt()).isEqualTo(stored(150));
    assertThat(trace.rootSpanId()).isEqualTo(ROOT);
    assertThat(trace.absorb(List.of(root), "service.name")).as("a retry changes nothing").isFalse();
    assertThat(trace.absorb(List.of(span("b000000000000009", ROOT, "late", 1, 2, "unset")), "service.name")).isFalse();
    assertThat(trace.startedAt()).as("the root's start stands").isEqualTo(stored(0));
  }

  @Test
  void aRootWithAnErrorStatusFailsTheTraceWithItsMessage() {
    ImportedTrace trace = ImportedTrace.begun(TenantId.DEFAULT, TRACE,
        List.of(new ImportedSpan(TRACE, ROOT, null, "pay", "server", at(0), at(9), "error", "card declined",
            null, RESOURCE, null, null, null)), "service.name");
    assertThat(trace.status()).isEqualTo(TraceStatus.FAILED);
    assertThat(trace.failureReason()).isEqualTo("card declined");
  }

  @Test
  void aTraceThatExpiredBeforeItsRootCameKeepsItsStatusButLearnsItsEnd() {
    ImportedTrace expired = new ImportedTrace(TenantId.DEFAULT, new TraceId(
        OtelIds.traceFor(TRACE, at(10))), TRACE, "checkout", TraceType.API_REQUEST, "load", RESOURCE, at(10),
        TraceStatus.EXPIRED, at(5_000), null, null);
    assertThat(expired.absorb(List.of(span(ROOT, null, "GET /", 0, 200, "ok")), "service.name")).isFalse();
    assertThat(expired.status()).isEqualTo(TraceStatus.EXPIRED);
    assertThat(expired.completedAt()).isEqualTo(stored(200));
  }

  @Test
  void aSpanBecomesAnEventUnderItsParentsEventWithItsOwnEventsAsChildren() {
    ImportedSpan query = new ImportedSpan(TRACE, "b000000000000002", ROOT, "SELECT", "client", at(10), at(30.5),
        "error", "timeout", JsonMap.of(Map.of("db.system", "postgresql", "trace.obj.id", "order-7"), "attributes"),
        RESOURCE, "jdbc@1.0", List.of(new ImportedSpan.SpanEvent("exception", at(20), JsonMap.EMPTY),
            new ImportedSpan.SpanEvent("retry", at(25), JsonMap.EMPTY)), null);
    ImportedTrace trace = ImportedTrace.begun(TenantId.DEFAULT, TRACE, List.of(query), "service.name");

    List<Event> events = trace.eventsOf(query);
    assertThat(events).as("the span, then its two span events").hasSize(3);
    Event span = events.get(0);
    assertThat(span.id()).isEqualTo(OtelIds.eventOfSpan(TRACE, "b000000000000002"));
    assertThat(span.parentEventId()).isEqualTo(OtelIds.eventOfSpan(TRACE, ROOT));
    assertThat(span.type()).isEqualTo("span");
    assertThat(span.level()).isEqualTo(EventLevel.ERROR);
    assertThat(span.message()).isEqualTo("SELECT");
    assertThat(span.timestamp()).isEqualTo(stored(10));
    assertThat(span.durationMs()).isEqualTo(20.5);
    assertThat(span.objectId()).isEqualTo(new ObjectId("order-7"));
    @SuppressWarnings("unchecked")
    Map<String, Object> otel = (Map<String, Object>) span.data().get("otel");
    assertThat(otel).containsEntry("spanId", "b000000000000002").containsEntry("parentSpanId", ROOT)
        .containsEntry("kind", "client").containsEntry("status", "error").containsEntry("statusMessage", "timeout")
        .containsEntry("scope", "jdbc@1.0");

    assertThat(events.subList(1, 3)).extracting(Event::message).containsExactly("exception", "retry");
    assertThat(events.subList(1, 3)).extracting(Event::level).containsExactly(EventLevel.ERROR, EventLevel.INFO);
    assertThat(events.subList(1, 3)).extracting(Event::parentEventId).containsOnly(span.id());
    assertThat(trace.eventsOf(query)).as("the same span maps to the same events").isEqualTo(events);
  }

  @Test
  void logSeverityGivesTheLevelAndTheSameRecordTheSameEvent() {
    assertThat(List.of(1, 5, 9, 13, 17, 21, 0).stream().map(n -> ImportedTrace.levelOf(log(n, null))).toList())
        .containsExactly(EventLevel.DEBUG, EventLevel.DEBUG, EventLevel.INFO, EventLevel.WARN, EventLevel.ERROR,
            EventLevel.CRITICAL, EventLevel.INFO);
    assertThat(ImportedTrace.levelOf(log(0, "Warning"))).isEqualTo(EventLevel.WARN);
    assertThat(ImportedTrace.levelOf(log(0, "FATAL"))).isEqualTo(EventLevel.CRITICAL);

    ImportedTrace trace = ImportedTrace.begunByLogs(TenantId.DEFAULT, TRACE, log(17, null), "service.name");
    Event logged = trace.eventOf(log(17, null));
    assertThat(logged.id()).isEqualTo(trace.eventOf(log(17, null)).id());
    assertThat(logged.id()).isNotEqualTo(trace.eventOf(log(13, null)).id());
    assertThat(logged.parentEventId()).isEqualTo(OtelIds.eventOfSpan(TRACE, ROOT));
    assertThat(logged.message()).isEqualTo("disk full");
  }

  @Test
  void spanEventIdsAreDistinctForDistinctSpansOfATrace() {
    Set<EventId> seen = new HashSet<>();
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      String spanId = String.format("%016x", random.nextLong() | 1);
      assertThat(seen.add(OtelIds.eventOfSpan(TRACE, spanId))).as(spanId).isTrue();
    }
    // Spans that differ only in the four bits the UUID version takes still differ.
    assertThat(OtelIds.eventOfSpan(TRACE, "eee19b7ec3c1b174")).isNotEqualTo(OtelIds.eventOfSpan(TRACE, "eee19b7ec3c1a174"));
    EventId id = OtelIds.eventOfSpan(TRACE, ROOT);
    assertThat(id.value().version()).isEqualTo(8);
    assertThat(id.value().variant()).isEqualTo(2);
  }

  private static ImportedSpan span(String spanId, String parent, String name, double fromMs, double toMs,
      String status) {
    return new ImportedSpan(TRACE, spanId, parent, name, "internal", at(fromMs), at(toMs), status, null, null,
        RESOURCE, null, null, null);
  }

  private static ImportedLogRecord log(int severity, String severityText) {
    return new ImportedLogRecord(TRACE, ROOT, at(3), severity, severityText, "disk full", JsonMap.EMPTY, RESOURCE);
  }

  /** Times are kept to the microsecond, as PostgreSQL keeps them. */
  private static Instant stored(double millis) {
    return at(millis).truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant at(double millis) {
    return T0.plusNanos((long) (millis * 1_000_000));
  }
}
