package dev.tracemodule.application.trace;

import static dev.tracemodule.application.trace.Requests.event;
import static dev.tracemodule.application.trace.Requests.trace;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.EventNodeResponse;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.TraceDetailsResponse;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.api.TraceStatus;
import dev.tracemodule.api.TraceSummaryResponse;
import dev.tracemodule.api.TraceType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One checkout, traced from its start to its completion through the public service. */
class TraceLifecycleScenarioTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final TraceModule module = new TraceModule(T0);
  private final MutableClock clock = module.clock;
  private final TraceManagementService service = module.service;

  @Test
  void aCheckoutIsTracedFromStartToCompletion() {
    // A checkout starts.
    TraceResponse started =
        service.createTrace(
            trace("order-42")
                .type(TraceType.WORKFLOW_EXECUTION)
                .name("checkout")
                .metadata(Map.of("channel", "web"))
                .tags("shop", "eu")
                .build());
    UUID traceId = started.id();
    assertThat(started.status()).isEqualTo(TraceStatus.ACTIVE);
    assertThat(started.startedAt()).isEqualTo(T0);
    assertThat(started.completedAt()).isNull();
    assertThat(started.durationMs()).isNull();

    // The cart is validated; payment is authorized and retried once within the authorization.
    clock.advance(ofMillis(100));
    EventResponse cartValidated =
        service.recordEvent(traceId, event("cart.validated").level(EventLevel.DEBUG).build());
    clock.advance(ofMillis(50));
    EventResponse payment =
        service.recordEvent(traceId, event("payment.authorize").durationMs(180.0).build());
    clock.advance(ofMillis(200));
    EventResponse retry =
        service.recordEvent(
            traceId, event("payment.retry").level(EventLevel.WARN).parent(payment.id()).build());

    assertThat(payment.level()).as("default level").isEqualTo(EventLevel.INFO);
    assertThat(payment.timestamp()).as("recorded now").isEqualTo(T0.plusMillis(150));
    assertThat(retry.traceId()).isEqualTo(traceId);
    assertThat(retry.parentEventId()).isEqualTo(payment.id());

    // Shipping reports afterwards, in one batch whose events name each other by client ids.
    clock.advance(ofMillis(150));
    UUID booking = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    UUID carrierTimeout = UUID.fromString("00000000-0000-7000-8000-00000000000c");
    List<EventResponse> shipping =
        service.recordEvents(
            traceId,
            List.of(
                event("shipping.book").id(booking).at(T0.plusMillis(400)).build(),
                event("carrier.timeout")
                    .id(carrierTimeout)
                    .level(EventLevel.ERROR)
                    .parent(booking)
                    .at(T0.plusMillis(420))
                    .build(),
                event("carrier.unreachable")
                    .level(EventLevel.CRITICAL)
                    .parent(carrierTimeout)
                    .at(T0.plusMillis(440))
                    .build(),
                event("shipping.booked").parent(booking).build()))
            .recorded();

    assertThat(shipping)
        .extracting(EventResponse::parentEventId)
        .containsExactly(null, booking, carrierTimeout, booking);
    assertThat(shipping.get(0).id()).isEqualTo(booking);
    assertThat(shipping.get(1).id()).isEqualTo(carrierTimeout);
    assertThat(shipping.get(3).timestamp()).as("recorded now").isEqualTo(T0.plusMillis(500));

    // While the checkout is still active, its summary counts the time elapsed so far.
    TraceDetailsResponse meanwhile = service.getTrace(traceId);
    assertThat(meanwhile.trace().durationMs()).isNull();
    assertThat(meanwhile.summary().totalEvents()).isEqualTo(7);
    assertThat(meanwhile.summary().durationMs()).isEqualTo(500.0);

    // The checkout completes 1.25 s after it started; it is read back ten seconds later.
    clock.advance(ofMillis(750));
    TraceResponse completed = service.completeTrace(traceId);
    clock.advance(ofSeconds(10));

    assertThat(completed.status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(completed.completedAt()).isEqualTo(T0.plusMillis(1250));
    assertThat(completed.durationMs()).isEqualTo(1250.0);

    TraceDetailsResponse details = service.getTrace(traceId);
    assertThat(details.trace()).isEqualTo(completed);
    assertThat(details.trace().metadata()).containsExactly(entry("channel", "web"));
    assertThat(details.trace().tags()).containsExactly("shop", "eu");

    TraceSummaryResponse summary = details.summary();
    assertThat(summary.durationMs()).isEqualTo(1250.0);
    assertThat(summary.totalEvents()).isEqualTo(7);
    assertThat(summary.eventsByLevel())
        .containsExactly(
            entry(EventLevel.DEBUG, 1L),
            entry(EventLevel.INFO, 3L),
            entry(EventLevel.WARN, 1L),
            entry(EventLevel.ERROR, 1L),
            entry(EventLevel.CRITICAL, 1L));
    assertThat(summary.errorCount()).as("error + critical").isEqualTo(2);
    assertThat(summary.warningCount()).isEqualTo(1);

    assertThat(details.events())
        .extracting(EventResponse::type, EventResponse::timestamp)
        .containsExactly(
            tuple("cart.validated", T0.plusMillis(100)),
            tuple("payment.authorize", T0.plusMillis(150)),
            tuple("payment.retry", T0.plusMillis(350)),
            tuple("shipping.book", T0.plusMillis(400)),
            tuple("carrier.timeout", T0.plusMillis(420)),
            tuple("carrier.unreachable", T0.plusMillis(440)),
            tuple("shipping.booked", T0.plusMillis(500)));

    // The events form three trees: the cart check alone, the payment, and the shipping.
    List<EventNodeResponse> forest = service.getEventTree(traceId);
    assertThat(shape(forest))
        .isEqualTo(
            "[cart.validated,"
                + " payment.authorize [payment.retry],"
                + " shipping.book [carrier.timeout [carrier.unreachable], shipping.booked]]");
    assertThat(forest)
        .extracting(root -> root.event().id())
        .containsExactly(cartValidated.id(), payment.id(), booking);
    assertThat(forest.get(1).children().get(0).event()).isEqualTo(retry);
  }

  /** The forest as text: each event's type, followed by its children in brackets. */
  private static String shape(List<EventNodeResponse> forest) {
    return forest.stream()
        .map(
            node ->
                node.children().isEmpty()
                    ? node.event().type()
                    : node.event().type() + " " + shape(node.children()))
        .collect(joining(", ", "[", "]"));
  }
}
