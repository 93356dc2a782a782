package dev.tracemodule.application.trace;

import static dev.tracemodule.application.trace.Requests.event;
import static dev.tracemodule.application.trace.Requests.query;
import static dev.tracemodule.application.trace.Requests.trace;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.FailTraceRequest;
import dev.tracemodule.api.InvalidInputException.FieldViolation;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.RecordedEvents;
import dev.tracemodule.api.TraceDetailsResponse;
import dev.tracemodule.api.TraceEventRequest;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.api.TracePageResponse;
import dev.tracemodule.api.TraceQuery.SortDirection;
import dev.tracemodule.api.TraceQuery.SortField;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.api.TraceStateException;
import dev.tracemodule.api.TraceStatus;
import dev.tracemodule.api.TraceType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultTraceManagementServiceTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final UUID UNKNOWN = UUID.fromString("00000000-0000-7000-8000-000000000404");
  private static final UUID EVENT_A = UUID.fromString("00000000-0000-7000-8000-00000000000a");
  private static final UUID EVENT_B = UUID.fromString("00000000-0000-7000-8000-00000000000b");

  private final TraceModule module = new TraceModule(T0);
  private final MutableClock clock = module.clock;
  private final TraceManagementService service = module.service;

  private UUID activeTrace() {
    return service.createTrace(trace("ctx").build()).id();
  }

  private List<String> eventTypes(UUID traceId) {
    return service.getTrace(traceId).events().stream().map(EventResponse::type).toList();
  }

  /** The fields named by the {@link InvalidInputException} that {@code call} must throw. */
  private static List<String> violatedFields(ThrowingCallable call) {
    InvalidInputException thrown = catchThrowableOfType(InvalidInputException.class, call);
    assertThat(thrown).as("InvalidInputException thrown").isNotNull();
    return thrown.violations().stream().map(FieldViolation::field).toList();
  }

  /** The ways a caller may end a trace. */
  enum Closing {
    COMPLETE(TraceStatus.COMPLETED),
    FAIL(TraceStatus.FAILED),
    CANCEL(TraceStatus.CANCELLED);

    final TraceStatus endsAs;

    Closing(TraceStatus endsAs) {
      this.endsAs = endsAs;
    }

    TraceResponse applyTo(TraceManagementService service, UUID traceId) {
      return switch (this) {
        case COMPLETE -> service.completeTrace(traceId);
        case FAIL -> service.failTrace(traceId, new FailTraceRequest("gave up"));
        case CANCEL -> service.cancelTrace(traceId);
      };
    }
  }

  @Nested
  class CreatingTraces {

    static Stream<Arguments> invalidRequests() {
      List<String> tooManyTags = IntStream.range(0, 65).mapToObj(i -> "tag-" + i).toList();
      return Stream.of(
          arguments(named("no request", null), List.of("body")),
          arguments(named("blank contextId", trace(" ").build()), List.of("contextId")),
          arguments(named("no type", trace("ctx").type(null).build()), List.of("type")),
          arguments(named("blank name", trace("ctx").name("").build()), List.of("name")),
          arguments(
              named("65 tags", trace("ctx").tags(tooManyTags.toArray(String[]::new)).build()),
              List.of("tags")),
          arguments(named("blank tag", trace("ctx").tags("eu", " ").build()), List.of("tags[1]")),
          arguments(
              named("several faults", trace("").type(null).name(" ").build()),
              List.of("contextId", "name", "type")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void refusesInvalidInputNamingEachField(CreateTraceRequest request, List<String> fields) {
      assertThat(violatedFields(() -> service.createTrace(request)))
          .containsExactlyElementsOf(fields);
      assertThat(service.queryTraces(query().build()).totalItems()).isZero();
    }
  }

  @Nested
  class RecordingEvents {

    static Stream<Arguments> invalidRequests() {
      return Stream.of(
          arguments(named("no request", null), "body"),
          arguments(named("blank type", event(" ").build()), "type"),
          arguments(named("no type", event(null).build()), "type"),
          arguments(named("negative duration", event("x").durationMs(-0.5).build()), "durationMs"),
          arguments(named("unknown parent", event("x").parent(UNKNOWN).build()), "parentEventId"),
          arguments(
              named("its own parent", event("x").id(EVENT_A).parent(EVENT_A).build()),
              "parentEventId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void refusesInvalidInputNamingTheField(RecordEventRequest request, String field) {
      UUID traceId = activeTrace();

      assertThat(violatedFields(() -> service.recordEvent(traceId, request)))
          .containsExactly(field);
      assertThat(module.storedEventCount(traceId)).isZero();
    }

    @Test
    void fillsInTheLevelAndTheTimestamp() {
      UUID traceId = activeTrace();
      clock.advance(ofMillis(42));

      EventResponse recorded = service.recordEvent(traceId, event("request.received").build());

      assertThat(recorded.traceId()).isEqualTo(traceId);
      assertThat(recorded.level()).isEqualTo(EventLevel.INFO);
      assertThat(recorded.timestamp()).isEqualTo(T0.plusMillis(42));
      assertThat(recorded.parentEventId()).isNull();
      assertThat(recorded.data()).isEmpty();
      assertThat(service.getTrace(traceId).events()).containsExactly(recorded);
    }

    @Test
    void refusesAParentFromAnotherTrace() {
      UUID otherTrace = activeTrace();
      UUID foreignParent = service.recordEvent(otherTrace, event("elsewhere").build()).id();
      UUID traceId = activeTrace();

      assertThat(
              violatedFields(
                  () -> service.recordEvent(traceId, event("x").parent(foreignParent).build())))
          .containsExactly("parentEventId");
      assertThat(
              violatedFields(
                  () ->
                      service.recordEvents(
                          traceId, List.of(event("x").parent(foreignParent).build()))))
          .containsExactly("events[0].parentEventId");
      assertThat(service.getTrace(traceId).summary().totalEvents()).isZero();
      assertThat(eventTypes(otherTrace)).containsExactly("elsewhere");
    }

    @Test
    void aRetryOfAStoredEventStoresNothingAndReturnsTheStoredEvent() {
      UUID traceId = activeTrace();
      EventResponse first = service.recordEvent(traceId, event("first").id(EVENT_A).build());

      EventResponse retried = service.recordEvent(traceId, event("first").id(EVENT_A).build());

      assertThat(retried).isEqualTo(first);
      RecordedEvents batch =
          service.recordEvents(traceId, List.of(event("new").build(), event("first").id(EVENT_A).build()));
      assertThat(batch.recorded()).extracting(EventResponse::type).containsExactly("new");
      assertThat(batch.alreadyRecorded()).containsExactly(EVENT_A);
      assertThat(eventTypes(traceId)).containsExactly("first", "new");
    }

    @Test
    void aRetriedBatchIsAcknowledgedEvenAfterTheTraceEnded() {
      UUID traceId = activeTrace();
      List<RecordEventRequest> batch =
          List.of(event("a").id(EVENT_A).build(), event("b").id(EVENT_B).parent(EVENT_A).build());
      service.recordEvents(traceId, batch);
      service.completeTrace(traceId);

      RecordedEvents retry = service.recordEvents(traceId, batch);

      assertThat(retry.accepted()).isZero();
      assertThat(retry.alreadyRecorded()).containsExactly(EVENT_A, EVENT_B);
      assertThatThrownBy(() -> service.recordEvents(traceId, List.of(event("c").build())))
          .isInstanceOf(TraceStateException.class);
      assertThat(eventTypes(traceId)).containsExactly("a", "b");
    }
  }

  @Nested
  class RecordingBatchesOfManyTraces {

    @Test
    void recordsTheEventsOfSeveralTracesTogether() {
      UUID first = activeTrace();
      UUID second = activeTrace();
      UUID stored = service.recordEvent(second, event("stored").build()).id();

      RecordedEvents outcome =
          service.recordEvents(
              List.of(
                  event("a").id(EVENT_A).in(first),
                  event("b").parent(stored).in(second),
                  event("c").parent(EVENT_A).in(first),
                  // The same client id in another trace is another event.
                  event("d").id(EVENT_A).in(second)));

      assertThat(outcome.recorded())
          .extracting(EventResponse::traceId, EventResponse::type, EventResponse::parentEventId)
          .containsExactly(
              tuple(first, "a", null),
              tuple(second, "b", stored),
              tuple(first, "c", EVENT_A),
              tuple(second, "d", null));
      assertThat(eventTypes(first)).containsExactly("a", "c");
      assertThat(eventTypes(second)).containsExactly("stored", "b", "d");
    }

    @Test
    void aRetryStoresNothingTwice() {
      UUID first = activeTrace();
      UUID second = activeTrace();
      List<TraceEventRequest> batch =
          List.of(event("a").id(EVENT_A).in(first), event("b").id(EVENT_B).in(second));
      service.recordEvents(batch);

      RecordedEvents retry = service.recordEvents(batch);

      assertThat(retry.accepted()).isZero();
      assertThat(retry.alreadyRecorded()).containsExactly(EVENT_A, EVENT_B);
      assertThat(eventTypes(first)).containsExactly("a");
      assertThat(eventTypes(second)).containsExactly("b");
    }

    @Test
    void refusesTheWholeBatchNamingEveryItemAtFault() {
      UUID first = activeTrace();
      UUID other = activeTrace();
      UUID foreign = service.recordEvent(other, event("elsewhere").build()).id();

      assertThat(
              violatedFields(
                  () ->
                      service.recordEvents(
                          List.of(
                              event("fine").in(first),
                              event(" ").in(first),
                              event("orphan").in(null)))))
          .containsExactly("events[1].type", "events[2].traceId");
      assertThat(violatedFields(() -> service.recordEvents(List.of(event("fine").in(first), event("x").in(UNKNOWN)))))
          .containsExactly("events[1].traceId");
      assertThat(violatedFields(() -> service.recordEvents(List.of(event("x").parent(foreign).in(first)))))
          .containsExactly("events[0].parentEventId");
      assertThat(eventTypes(first)).isEmpty();
    }

    @Test
    void refusesTheWholeBatchWhenOneOfItsTracesHasEnded() {
      UUID open = activeTrace();
      UUID ended = activeTrace();
      service.completeTrace(ended);

      assertThatThrownBy(
              () -> service.recordEvents(List.of(event("a").in(open), event("b").in(ended))))
          .isInstanceOf(TraceStateException.class)
          .hasMessageContaining(ended.toString());
      assertThat(eventTypes(open)).isEmpty();
    }
  }

  @Nested
  class RecordingBatches {

    static Stream<Arguments> invalidBatches() {
      RecordEventRequest valid = event("valid").build();
      return Stream.of(
          batch("no list", null, "events"),
          batch("empty list", List.of(), "events"),
          batch("blank type in item 2", List.of(valid, event(" ").build()), "events[1].type"),
          batch("null item 2", Arrays.asList(valid, null), "events[1]"),
          batch(
              "negative duration",
              List.of(event("x").durationMs(-1).build()),
              "events[0].durationMs"),
          batch(
              "unknown parent in item 2",
              List.of(valid, event("x").parent(UNKNOWN).build()),
              "events[1].parentEventId"),
          batch(
              "parent later in the batch",
              List.of(event("child").parent(EVENT_B).build(), event("parent").id(EVENT_B).build()),
              "events[0].parentEventId"),
          batch(
              "duplicate client id in item 2",
              List.of(event("one").id(EVENT_A).build(), event("two").id(EVENT_A).build()),
              "events[1].id"));
    }

    private static Arguments batch(String name, List<RecordEventRequest> items, String field) {
      return arguments(named(name, items), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBatches")
    void refusesAnInvalidBatchWhole(List<RecordEventRequest> batch, String field) {
      UUID traceId = activeTrace();
      service.recordEvent(traceId, event("earlier").build());

      assertThat(violatedFields(() -> service.recordEvents(traceId, batch)))
          .containsExactly(field);

      TraceDetailsResponse after = service.getTrace(traceId);
      assertThat(after.summary().totalEvents()).isEqualTo(1);
      assertThat(after.events()).extracting(EventResponse::type).containsExactly("earlier");
    }

    @Test
    void recordsEveryItemWithParentsFromTheBatchAndFromBefore() {
      UUID traceId = activeTrace();
      UUID stored = service.recordEvent(traceId, event("stored").build()).id();
      clock.advance(ofMillis(5));

      List<EventResponse> recorded =
          service.recordEvents(
                  traceId,
                  List.of(
                      event("a").id(EVENT_A).parent(stored).build(),
                      event("b").parent(EVENT_A).build()))
              .recorded();

      assertThat(recorded).extracting(EventResponse::type).containsExactly("a", "b");
      assertThat(recorded)
          .extracting(EventResponse::parentEventId)
          .containsExactly(stored, EVENT_A);
      assertThat(recorded)
          .extracting(EventResponse::timestamp)
          .containsOnly(T0.plusMillis(5));
      assertThat(service.getTrace(traceId).summary().totalEvents()).isEqualTo(3);
    }
  }

  @Nested
  class EndingTraces {

    static Stream<Arguments> everyClosingTwice() {
      return Stream.of(Closing.values())
          .flatMap(first -> Stream.of(Closing.values()).map(then -> arguments(first, then)));
    }

    @ParameterizedTest(name = "{0}, then {1}")
    @MethodSource("everyClosingTwice")
    void anEndedTraceCannotBeEndedAgain(Closing first, Closing then) {
      UUID traceId = activeTrace();
      clock.advance(ofMillis(1500));
      TraceResponse ended = first.applyTo(service, traceId);
      clock.advance(ofSeconds(30));

      assertThatThrownBy(() -> then.applyTo(service, traceId))
          .isInstanceOf(TraceStateException.class)
          .hasMessageContaining("is " + first.endsAs.name().toLowerCase());

      assertThat(ended.status()).isEqualTo(first.endsAs);
      assertThat(ended.completedAt()).isEqualTo(T0.plusMillis(1500));
      assertThat(ended.durationMs()).isEqualTo(1500.0);
      assertThat(service.getTrace(traceId).trace()).isEqualTo(ended);
    }

    @ParameterizedTest
    @EnumSource(Closing.class)
    void anEndedTraceTakesNoMoreEvents(Closing closing) {
      UUID traceId = activeTrace();
      service.recordEvent(traceId, event("before").build());
      closing.applyTo(service, traceId);

      assertThatThrownBy(() -> service.recordEvent(traceId, event("after").build()))
          .isInstanceOf(TraceStateException.class);
      assertThatThrownBy(() -> service.recordEvents(traceId, List.of(event("after").build())))
          .isInstanceOf(TraceStateException.class);

      TraceDetailsResponse after = service.getTrace(traceId);
      assertThat(after.trace().status()).isEqualTo(closing.endsAs);
      assertThat(after.events()).extracting(EventResponse::type).containsExactly("before");
    }

    @Test
    void failingKeepsTheReason() {
      UUID traceId = activeTrace();
      clock.advance(ofMillis(250));

      TraceResponse failed = service.failTrace(traceId, new FailTraceRequest("  upstream down "));

      assertThat(failed.status()).isEqualTo(TraceStatus.FAILED);
      assertThat(failed.failureReason()).isEqualTo("upstream down");
      assertThat(failed.durationMs()).isEqualTo(250.0);
    }

    @Test
    void failingNeedsAReason() {
      UUID traceId = activeTrace();

      assertThat(violatedFields(() -> service.failTrace(traceId, new FailTraceRequest(" "))))
          .containsExactly("reason");
      assertThat(violatedFields(() -> service.failTrace(traceId, null))).containsExactly("body");
      assertThat(service.getTrace(traceId).trace().status()).isEqualTo(TraceStatus.ACTIVE);
    }
  }

  @Nested
  class UnknownTraces {

    static Stream<Arguments> everyCallNamingATrace() {
      return Stream.of(
          call("recordEvent", (service, id) -> service.recordEvent(id, event("x").build())),
          call(
              "recordEvents",
              (service, id) -> service.recordEvents(id, List.of(event("x").build()))),
          call("completeTrace", TraceManagementService::completeTrace),
          call("failTrace", (service, id) -> service.failTrace(id, new FailTraceRequest("why"))),
          call("cancelTrace", TraceManagementService::cancelTrace),
          call("getTrace", TraceManagementService::getTrace),
          call("getEventTree", TraceManagementService::getEventTree),
          call("deleteTrace", TraceManagementService::deleteTrace));
    }

    private static Arguments call(String name, BiConsumer<TraceManagementService, UUID> call) {
      return arguments(named(name, call));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCallNamingATrace")
    void anUnknownIdIsNotFound(BiConsumer<TraceManagementService, UUID> call) {
      UUID existing = activeTrace();

      assertThatThrownBy(() -> call.accept(service, UNKNOWN))
          .isInstanceOfSatisfying(
              TraceNotFoundException.class, e -> assertThat(e.traceId()).isEqualTo(UNKNOWN));
      assertThat(service.getTrace(existing).trace().status()).isEqualTo(TraceStatus.ACTIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCallNamingATrace")
    void aMissingIdIsInvalid(BiConsumer<TraceManagementService, UUID> call) {
      assertThat(violatedFields(() -> call.accept(service, null))).containsExactly("traceId");
    }
  }

  @Nested
  class QueryingTraces {

    private TraceResponse shopRequest;
    private TraceResponse shopTask;
    private TraceResponse billingRequest;
    private TraceResponse billingCustom;
    private TraceResponse shopCancelled;

    /** Five traces started a minute apart; the ids read oldest to newest. */
    @BeforeEach
    void startFiveTraces() {
      shopRequest = start("shop", TraceType.API_REQUEST, "eu", "beta");
      service.recordEvent(shopRequest.id(), event("boom").level(EventLevel.ERROR).build());
      end(shopRequest, ofMillis(300), Closing.COMPLETE);

      shopTask = start("shop", TraceType.BACKGROUND_TASK, "eu");
      end(shopTask, ofMillis(1000), Closing.COMPLETE);

      billingRequest = start("billing", TraceType.API_REQUEST, "us");
      service.recordEvent(billingRequest.id(), event("slow").level(EventLevel.WARN).build());
      end(billingRequest, ofMillis(50), Closing.FAIL);

      billingCustom = start("billing", TraceType.CUSTOM);

      shopCancelled = start("shop", TraceType.API_REQUEST);
      service.recordEvent(shopCancelled.id(), event("crash").level(EventLevel.CRITICAL).build());
      end(shopCancelled, ofMillis(2000), Closing.CANCEL);
    }

    private TraceResponse start(String contextId, TraceType type, String... tags) {
      clock.advance(ofMinutes(1));
      return service.createTrace(trace(contextId).type(type).tags(tags).build());
    }

    private void end(TraceResponse trace, Duration after, Closing closing) {
      clock.advance(after);
      closing.applyTo(service, trace.id());
    }

    private List<UUID> ids(Requests.QueryBuilder query) {
      return service.queryTraces(query.build()).items().stream().map(TraceResponse::id).toList();
    }

    @Test
    void listsNewestFirstByDefault() {
      assertThat(ids(query()))
          .containsExactly(
              shopCancelled.id(),
              billingCustom.id(),
              billingRequest.id(),
              shopTask.id(),
              shopRequest.id());
    }

    @Test
    void filtersByContextTypeAndStatus() {
      assertThat(ids(query().contextId("shop")))
          .containsExactly(shopCancelled.id(), shopTask.id(), shopRequest.id());
      assertThat(ids(query().types(TraceType.API_REQUEST)))
          .containsExactly(shopCancelled.id(), billingRequest.id(), shopRequest.id());
      assertThat(ids(query().statuses(TraceStatus.COMPLETED, TraceStatus.FAILED)))
          .containsExactly(billingRequest.id(), shopTask.id(), shopRequest.id());
      assertThat(ids(query().statuses(TraceStatus.ACTIVE))).containsExactly(billingCustom.id());
      assertThat(ids(query().contextId("shop").types(TraceType.API_REQUEST)))
          .containsExactly(shopCancelled.id(), shopRequest.id());
    }

    @Test
    void filtersByErrors() {
      assertThat(ids(query().hasErrors(true)))
          .containsExactly(shopCancelled.id(), shopRequest.id());
      assertThat(ids(query().hasErrors(false)))
          .containsExactly(billingCustom.id(), billingRequest.id(), shopTask.id());
    }

    @Test
    void filtersByEveryTagGiven() {
      assertThat(ids(query().tags("eu"))).containsExactly(shopTask.id(), shopRequest.id());
      assertThat(ids(query().tags("eu", "beta"))).containsExactly(shopRequest.id());
      assertThat(ids(query().tags("asia"))).isEmpty();
    }

    @Test
    void filtersByStartFromInclusiveToExclusive() {
      assertThat(ids(query().startedBetween(billingRequest.startedAt(), shopCancelled.startedAt())))
          .containsExactly(billingCustom.id(), billingRequest.id());
    }

    @Test
    void pagesWithTotals() {
      TracePageResponse first = service.queryTraces(query().page(0, 2).build());
      TracePageResponse last = service.queryTraces(query().page(2, 2).build());
      TracePageResponse beyond = service.queryTraces(query().page(3, 2).build());

      assertThat(first.items())
          .extracting(TraceResponse::id)
          .containsExactly(shopCancelled.id(), billingCustom.id());
      assertThat(first.page()).isZero();
      assertThat(first.size()).isEqualTo(2);
      assertThat(first.totalItems()).isEqualTo(5);
      assertThat(first.totalPages()).isEqualTo(3);
      assertThat(last.items()).extracting(TraceResponse::id).containsExactly(shopRequest.id());
      assertThat(last.page()).isEqualTo(2);
      assertThat(beyond.items()).isEmpty();
      assertThat(beyond.totalItems()).isEqualTo(5);
      assertThat(beyond.totalPages()).isEqualTo(3);
    }

    @Test
    void sortsByDurationWithActiveTracesLast() {
      assertThat(ids(query().sortBy(SortField.DURATION, SortDirection.ASC)))
          .containsExactly(
              billingRequest.id(), // 50 ms
              shopRequest.id(), // 300 ms
              shopTask.id(), // 1 s
              shopCancelled.id(), // 2 s
              billingCustom.id()); // active
      assertThat(ids(query().sortBy(SortField.DURATION, SortDirection.DESC)))
          .containsExactly(
              shopCancelled.id(),
              shopTask.id(),
              shopRequest.id(),
              billingRequest.id(),
              billingCustom.id());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1001})
    void refusesAPageSizeOutsideOneToAThousand(int size) {
      assertThat(violatedFields(() -> service.queryTraces(query().page(0, size).build())))
          .containsExactly("size");
    }

    @Test
    void refusesFromAfterTo() {
      TraceQuery backwards = query().startedBetween(T0.plusSeconds(60), T0).build();

      assertThat(violatedFields(() -> service.queryTraces(backwards))).containsExactly("from");
    }

    @Test
    void refusesAMissingQuery() {
      assertThat(violatedFields(() -> service.queryTraces(null))).containsExactly("query");
    }
  }

  @Nested
  class DeletingTraces {

    @Test
    void removesTheTraceWithItsEvents() {
      UUID doomed = activeTrace();
      UUID kept = activeTrace();
      service.recordEvents(doomed, List.of(event("a").build(), event("b").build()));
      service.recordEvent(kept, event("c").build());

      service.deleteTrace(doomed);

      assertThatThrownBy(() -> service.getTrace(doomed))
          .isInstanceOfSatisfying(
              TraceNotFoundException.class, e -> assertThat(e.traceId()).isEqualTo(doomed));
      assertThatThrownBy(() -> service.getEventTree(doomed))
          .isInstanceOf(TraceNotFoundException.class);
      assertThatThrownBy(() -> service.deleteTrace(doomed))
          .isInstanceOf(TraceNotFoundException.class);
      assertThat(module.storedEventCount(doomed)).isZero();
      assertThat(eventTypes(kept)).containsExactly("c");
      assertThat(service.queryTraces(query().build()).items())
          .extracting(TraceResponse::id)
          .containsExactly(kept);
    }
  }
}
