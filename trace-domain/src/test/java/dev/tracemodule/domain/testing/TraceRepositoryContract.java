package dev.tracemodule.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.DuplicateEventException;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventKey;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.NewTrace;
import dev.tracemodule.domain.trace.PageRequest;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceCriteria;
import dev.tracemodule.domain.trace.TraceEvents;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TracePage;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.trace.TraceSort;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TraceRepository} and {@link EventRepository} must do. Run against the
 * in-memory reference and against each real store. Each test uses a tenant of its own, so tests
 * neither see nor disturb each other's rows.
 */
public abstract class TraceRepositoryContract {

  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  /** Separators, quotes, line breaks, backslashes and non-ASCII, as a bulk writer must keep them. */
  private static final String AWKWARD_TEXT = "select 1, \"two\"\nfrom t \\ where x = '\u00e9\u2603' ,";

  protected TenantId tenant;

  protected abstract TraceRepository traces();

  protected abstract EventRepository events();

  /** Runs {@code work} in one transaction of the store under test. */
  protected abstract <T> T inTransaction(Supplier<T> work);

  @BeforeEach
  void newTenant() {
    tenant = new TenantId("t-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void storesAndFindsATraceWithEveryField() {
    Trace trace =
        trace(
            "ctx-1",
            TraceType.WORKFLOW_EXECUTION,
            T0,
            Map.of("stage", "plan", "nested", Map.of("n", 42, "list", List.of(1, "two", true))),
            List.of("checkout", "eu"));

    inTransaction(() -> store(trace));
    Trace found = inTransaction(() -> traces().findById(tenant, trace.id())).orElseThrow();

    assertThat(found.id()).isEqualTo(trace.id());
    assertThat(found.tenantId()).isEqualTo(tenant);
    assertThat(found.contextId()).isEqualTo("ctx-1");
    assertThat(found.executionId()).isEqualTo("exec-ctx-1");
    assertThat(found.type()).isEqualTo(TraceType.WORKFLOW_EXECUTION);
    assertThat(found.name()).isEqualTo("trace ctx-1");
    assertThat(found.description()).isNull();
    assertThat(found.metadata()).isEqualTo(trace.metadata());
    assertThat(found.tags()).containsExactly("checkout", "eu");
    assertThat(found.startedAt()).isEqualTo(T0);
    assertThat(found.status()).isEqualTo(TraceStatus.ACTIVE);
    assertThat(found.completedAt()).isNull();
  }

  @Test
  void storesTheNewStateOfAnEndedTrace() {
    Trace trace = trace("ctx-1", TraceType.CUSTOM, T0, Map.of(), List.of());
    inTransaction(() -> store(trace));

    inTransaction(
        () -> {
          Trace locked = traces().lock(tenant, trace.id(), TraceRepository.Lock.EXCLUSIVE).orElseThrow();
          locked.fail("timed out upstream", T0.plusMillis(1500));
          traces().store(locked);
          return null;
        });

    Trace found = inTransaction(() -> traces().findById(tenant, trace.id())).orElseThrow();
    assertThat(found.status()).isEqualTo(TraceStatus.FAILED);
    assertThat(found.failureReason()).isEqualTo("timed out upstream");
    assertThat(found.completedAt()).isEqualTo(T0.plusMillis(1500));
    assertThat(found.durationMs()).contains(1500.0);
  }

  @Test
  void keepsTenantsApart() {
    Trace trace = trace("ctx-1", TraceType.CUSTOM, T0, Map.of(), List.of());
    inTransaction(() -> store(trace));
    TenantId other = new TenantId(tenant.value() + "-other");

    assertThat(inTransaction(() -> traces().findById(other, trace.id()))).isEmpty();
    assertThat(inTransaction(() -> traces().lock(other, trace.id(), TraceRepository.Lock.SHARED)))
        .isEmpty();
    assertThat(inTransaction(() -> traces().remove(other, trace.id()))).isFalse();
    assertThat(inTransaction(() -> traces().find(TraceCriteria.all(other), new PageRequest(0, 10))).totalMatching())
        .isZero();
    assertThat(inTransaction(() -> traces().findById(tenant, trace.id()))).isPresent();
  }

  @Test
  void addsAndReadsEventsInTheOrderTheyHappened() {
    Trace trace = trace("ctx-1", TraceType.API_REQUEST, T0, Map.of(), List.of());
    Event root = trace.recordEvent(eventId(), event("request", EventLevel.INFO, T0.plusMillis(5), null), Optional.empty(), T0);
    Event child =
        trace.recordEvent(
            eventId(),
            new NewEvent(null, "db_query", EventLevel.DEBUG, AWKWARD_TEXT, JsonMap.of(Map.of("rows", 1, "sql", AWKWARD_TEXT), "data"), T0.plusMillis(6), 0.25, root.id()),
            Optional.of(root),
            T0);
    Event early = trace.recordEvent(eventId(), event("auth", EventLevel.WARN, T0.plusMillis(1), null), Optional.empty(), T0);

    inTransaction(() -> store(trace));
    inTransaction(() -> add(List.of(root, child, early)));

    TraceEvents stored = inTransaction(() -> events().findByTrace(tenant, trace.id()));
    assertThat(stored.asList()).extracting(Event::id).containsExactly(early.id(), root.id(), child.id());
    Event storedChild = stored.asList().get(2);
    assertThat(storedChild.parentId()).contains(root.id());
    assertThat(storedChild.type()).isEqualTo("db_query");
    assertThat(storedChild.level()).isEqualTo(EventLevel.DEBUG);
    assertThat(storedChild.message()).isEqualTo(AWKWARD_TEXT);
    assertThat(storedChild.data().asMap()).containsEntry("sql", AWKWARD_TEXT);
    assertThat(storedChild.data().asMap()).containsEntry("rows", 1);
    assertThat(storedChild.timestamp()).isEqualTo(T0.plusMillis(6));
    assertThat(storedChild.durationMs()).isEqualTo(0.25);
    assertThat(stored.asList().get(0).durationMs()).isNull();
    assertThat(stored.asList().get(0).data().isEmpty()).isTrue();

    assertThat(inTransaction(() -> events().findByKeys(tenant, List.of(EventKey.of(child), new EventKey(trace.id(), eventId())))))
        .extracting(Event::id)
        .containsExactly(child.id());
    assertThat(inTransaction(() -> events().findByTrace(new TenantId(tenant.value() + "-x"), trace.id())).size())
        .isZero();
  }

  @Test
  void locksManyTracesAndWritesAndFindsEventsAcrossThem() {
    Trace first = trace("ctx-1", TraceType.CUSTOM, T0, Map.of(), List.of());
    Trace second = trace("ctx-2", TraceType.CUSTOM, T0, Map.of(), List.of());
    inTransaction(() -> store(first));
    inTransaction(() -> store(second));
    TraceId missing = new TraceId(UUID.randomUUID());

    List<Trace> locked =
        inTransaction(
            () -> traces().lockAll(tenant, List.of(second.id(), missing, first.id(), second.id()), TraceRepository.Lock.SHARED));
    assertThat(locked)
        .extracting(Trace::id)
        .containsExactlyElementsOf(
            Stream.of(first.id(), second.id()).sorted(Comparator.comparing(TraceId::value)).toList());
    assertThat(inTransaction(() -> traces().lockAll(new TenantId(tenant.value() + "-x"), List.of(first.id()), TraceRepository.Lock.SHARED)))
        .isEmpty();

    // The same event id in two traces names two events.
    EventId sharedId = eventId();
    Event inFirst = first.recordEvent(sharedId, event("a", EventLevel.INFO, null, null), Optional.empty(), T0);
    Event inSecond = second.recordEvent(sharedId, event("b", EventLevel.INFO, null, null), Optional.empty(), T0);
    Event other = second.recordEvent(eventId(), event("c", EventLevel.INFO, null, null), Optional.empty(), T0);
    inTransaction(() -> add(List.of(inFirst, inSecond, other)));

    assertThat(inTransaction(() -> events().findByKeys(tenant, List.of(new EventKey(first.id(), sharedId), new EventKey(second.id(), sharedId)))))
        .extracting(Event::traceId, Event::type)
        .containsExactlyInAnyOrder(tuple(first.id(), "a"), tuple(second.id(), "b"));
    assertThat(inTransaction(() -> events().findByKeys(tenant, List.of(new EventKey(second.id(), sharedId), EventKey.of(other), EventKey.of(other)))))
        .extracting(Event::type)
        .containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void keepsTheRecordedOrderOfEventsOfTheSameInstant() {
    Trace trace = trace("ctx-1", TraceType.CUSTOM, T0, Map.of(), List.of());
    List<Event> sameInstant = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Random ids (UUID v4) so that id order cannot pass for recorded order.
      sameInstant.add(trace.recordEvent(new EventId(UUID.randomUUID()), event("e" + i, EventLevel.INFO, null, null), Optional.empty(), T0));
    }
    inTransaction(() -> store(trace));
    inTransaction(
        () -> {
          events().addAll(sameInstant.subList(0, 10));
          events().addAll(sameInstant.subList(10, 20));
          return null;
        });

    assertThat(inTransaction(() -> events().findByTrace(tenant, trace.id())).asList())
        .extracting(Event::type)
        .containsExactlyElementsOf(sameInstant.stream().map(Event::type).toList());
  }

  @Test
  void refusesToStoreAnEventIdTwice() {
    Trace trace = trace("ctx-1", TraceType.CUSTOM, T0, Map.of(), List.of());
    Event event = trace.recordEvent(eventId(), event("x", EventLevel.INFO, null, null), Optional.empty(), T0);
    inTransaction(() -> store(trace));
    inTransaction(() -> add(List.of(event)));

    Event fresh = trace.recordEvent(eventId(), event("y", EventLevel.INFO, null, null), Optional.empty(), T0);
    Event later = trace.recordEvent(eventId(), event("z", EventLevel.INFO, null, null), Optional.empty(), T0);

    // A duplicate adds nothing of its call, and the transaction goes on: a retry can follow in it.
    inTransaction(
        () -> {
          assertThatThrownBy(() -> events().addAll(List.of(fresh, event)))
              .isInstanceOf(DuplicateEventException.class);
          events().addAll(List.of(later));
          return null;
        });
    assertThat(inTransaction(() -> events().findByTrace(tenant, trace.id())).asList())
        .extracting(Event::type)
        .containsExactly("x", "z");
  }

  @Test
  void removesATraceWithItsEvents() {
    Trace trace = trace("ctx-1", TraceType.CUSTOM, T0, Map.of(), List.of());
    Event event = trace.recordEvent(eventId(), event("x", EventLevel.INFO, null, null), Optional.empty(), T0);
    inTransaction(() -> store(trace));
    inTransaction(() -> add(List.of(event)));

    assertThat(inTransaction(() -> traces().remove(tenant, trace.id()))).isTrue();

    assertThat(inTransaction(() -> traces().findById(tenant, trace.id()))).isEmpty();
    assertThat(inTransaction(() -> events().findByTrace(tenant, trace.id())).size()).isZero();
    assertThat(inTransaction(() -> traces().remove(tenant, trace.id()))).isFalse();
  }

  @Test
  void findsTracesByEveryFilter() {
    Trace a = trace("ctx-a", TraceType.API_REQUEST, T0, Map.of(), List.of("eu", "beta"));
    Trace b = trace("ctx-a", TraceType.BACKGROUND_TASK, T0.plusSeconds(60), Map.of(), List.of("eu"));
    Trace c = trace("ctx-c", TraceType.API_REQUEST, T0.plusSeconds(120), Map.of(), List.of());
    b.complete(T0.plusSeconds(61));
    c.cancel(T0.plusSeconds(125));
    Event error = a.recordEvent(eventId(), event("boom", EventLevel.CRITICAL, null, null), Optional.empty(), T0);
    inTransaction(() -> store(a, b, c));
    inTransaction(() -> add(List.of(error)));

    assertThat(ids(criteria().contextId("ctx-a"))).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(ids(criteria().types(Set.of(TraceType.API_REQUEST)))).containsExactlyInAnyOrder(a.id(), c.id());
    assertThat(ids(criteria().statuses(Set.of(TraceStatus.COMPLETED, TraceStatus.CANCELLED))))
        .containsExactlyInAnyOrder(b.id(), c.id());
    assertThat(ids(criteria().from(T0.plusSeconds(60)))).containsExactlyInAnyOrder(b.id(), c.id());
    assertThat(ids(criteria().to(T0.plusSeconds(60)))).containsExactly(a.id());
    assertThat(ids(criteria().hasErrors(true))).containsExactly(a.id());
    assertThat(ids(criteria().hasErrors(false))).containsExactlyInAnyOrder(b.id(), c.id());
    assertThat(ids(criteria().tags(Set.of("eu")))).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(ids(criteria().tags(Set.of("eu", "beta")))).containsExactly(a.id());
    assertThat(ids(criteria().contextId("ctx-a").types(Set.of(TraceType.API_REQUEST)))).containsExactly(a.id());
  }

  @Test
  void sortsAndPages() {
    Trace first = trace("ctx", TraceType.CUSTOM, T0, Map.of(), List.of());
    Trace second = trace("ctx", TraceType.CUSTOM, T0.plusSeconds(1), Map.of(), List.of());
    Trace third = trace("ctx", TraceType.CUSTOM, T0.plusSeconds(2), Map.of(), List.of());
    first.complete(T0.plusSeconds(30));
    third.complete(T0.plusSeconds(3));
    inTransaction(() -> store(first, second, third));

    TracePage newest = page(criteria(), 0, 2);
    assertThat(newest.traces()).extracting(Trace::id).containsExactly(third.id(), second.id());
    assertThat(newest.totalMatching()).isEqualTo(3);
    assertThat(page(criteria(), 1, 2).traces()).extracting(Trace::id).containsExactly(first.id());
    assertThat(page(criteria(), 2, 2).traces()).isEmpty();

    Criteria oldestFirst = criteria().sort(new TraceSort(TraceSort.Field.STARTED_AT, false));
    assertThat(page(oldestFirst, 0, 10).traces()).extracting(Trace::id)
        .containsExactly(first.id(), second.id(), third.id());
    Criteria longestFirst = criteria().sort(new TraceSort(TraceSort.Field.DURATION, true));
    assertThat(page(longestFirst, 0, 10).traces()).extracting(Trace::id)
        .containsExactly(first.id(), third.id(), second.id());
  }

  private Trace trace(String contextId, TraceType type, Instant startedAt, Map<String, ?> metadata, List<String> tags) {
    NewTrace what =
        new NewTrace(contextId, "exec-" + contextId, type, "trace " + contextId, null, JsonMap.of(metadata, "metadata"), tags);
    return Trace.start(tenant, TraceId.next(CLOCK), what, startedAt);
  }

  private static NewEvent event(String type, EventLevel level, Instant at, EventId parent) {
    return new NewEvent(null, type, level, null, null, at, null, parent);
  }

  private static EventId eventId() {
    return EventId.next(CLOCK);
  }

  private Void add(List<Event> recorded) {
    events().addAll(recorded);
    return null;
  }

  private Void store(Trace... stored) {
    for (Trace trace : stored) {
      traces().store(trace);
    }
    return null;
  }

  private List<TraceId> ids(Criteria criteria) {
    return page(criteria, 0, 100).traces().stream().map(Trace::id).toList();
  }

  private TracePage page(Criteria criteria, int page, int size) {
    return inTransaction(() -> traces().find(criteria.build(), new PageRequest(page, size)));
  }

  private Criteria criteria() {
    return new Criteria(tenant, null, Set.of(), Set.of(), null, null, null, Set.of(), null);
  }

  /** A small builder so each filter test says only what it filters on. */
  private record Criteria(
      TenantId tenant,
      String contextId,
      Set<TraceType> types,
      Set<TraceStatus> statuses,
      Instant from,
      Instant to,
      Boolean hasErrors,
      Set<String> tags,
      TraceSort sort) {
    Criteria contextId(String value) {
      return new Criteria(tenant, value, types, statuses, from, to, hasErrors, tags, sort);
    }

    Criteria types(Set<TraceType> value) {
      return new Criteria(tenant, contextId, value, statuses, from, to, hasErrors, tags, sort);
    }

    Criteria statuses(Set<TraceStatus> value) {
      return new Criteria(tenant, contextId, types, value, from, to, hasErrors, tags, sort);
    }

    Criteria from(Instant value) {
      return new Criteria(tenant, contextId, types, statuses, value, to, hasErrors, tags, sort);
    }

    Criteria to(Instant value) {
      return new Criteria(tenant, contextId, types, statuses, from, value, hasErrors, tags, sort);
    }

    Criteria hasErrors(Boolean value) {
      return new Criteria(tenant, contextId, types, statuses, from, to, value, tags, sort);
    }

    Criteria tags(Set<String> value) {
      return new Criteria(tenant, contextId, types, statuses, from, to, hasErrors, value, sort);
    }

    Criteria sort(TraceSort value) {
      return new Criteria(tenant, contextId, types, statuses, from, to, hasErrors, tags, value);
    }

    TraceCriteria build() {
      return new TraceCriteria(tenant, contextId, types, statuses, from, to, hasErrors, tags, sort);
    }
  }
}
