package dev.tracemodule.infrastructure.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.Grouping;
import dev.tracemodule.domain.query.Measure;
import dev.tracemodule.domain.query.PageCursor;
import dev.tracemodule.domain.query.TimeBucket;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.query.TraceListRequest;
import dev.tracemodule.domain.query.TraceSlice;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.NewTrace;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceSort;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import dev.tracemodule.infrastructure.persistence.JpaEventRepository;
import dev.tracemodule.infrastructure.persistence.JpaTraceRepository;
import dev.tracemodule.infrastructure.persistence.PersistenceMapperImpl;
import dev.tracemodule.infrastructure.testing.TestPersistence;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filters, keyset pages and aggregations, computed by PostgreSQL on a schema built by Flyway. */
class SqlTraceQueriesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final TraceSort NEWEST_FIRST = TraceSort.NEWEST_FIRST;

  private static TestPersistence persistence;

  // Each test has a tenant of its own, so the tests share the database without seeing each other.
  private final TenantId tenant = new TenantId("t-" + java.util.UUID.randomUUID().toString().substring(0, 8));

  @BeforeAll
  static void startDatabase() throws Exception {
    persistence = TestPersistence.start("queries");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (persistence != null) {
      persistence.close();
    }
  }

  @Test
  void filtersByEveryMember() {
    Trace checkout = trace("cart-1", TraceType.API_REQUEST, "POST /api/Checkout_100%", T0,
        Map.of("region", "eu", "tier", Map.of("level", "gold")), List.of("eu", "beta"));
    Trace nightly = trace("batch-7", TraceType.BACKGROUND_TASK, "nightly export", T0.plusSeconds(60),
        Map.of("region", "us"), List.of("us"));
    Trace running = trace("cart-2", TraceType.API_REQUEST, "GET /api/cart", T0.plusSeconds(120), Map.of(), List.of());
    List<Event> events = new ArrayList<>();
    events.add(record(checkout, EventLevel.INFO));
    events.add(record(checkout, EventLevel.ERROR));
    events.add(record(nightly, EventLevel.WARN));
    events.add(record(running, EventLevel.CRITICAL));
    save(events, checkout, nightly, running);
    end(checkout, trace -> trace.fail("payment declined", T0.plusMillis(250)));
    end(nightly, trace -> trace.complete(T0.plusSeconds(60).plusMillis(4000)));

    assertThat(ids(filter().contextIds(Set.of("cart-1", "cart-2")))).containsExactlyInAnyOrder(checkout.id(), running.id());
    assertThat(ids(filter().executionId("exec-batch-7"))).containsExactly(nightly.id());
    assertThat(ids(filter().types(Set.of(TraceType.BACKGROUND_TASK)))).containsExactly(nightly.id());
    assertThat(ids(filter().statuses(Set.of(TraceStatus.FAILED, TraceStatus.ACTIVE))))
        .containsExactlyInAnyOrder(checkout.id(), running.id());
    assertThat(ids(filter().startedBetween(T0.plusSeconds(60), T0.plusSeconds(120)))).containsExactly(nightly.id());
    // Errors counted on the row of an ended trace, and live in the events of a running one.
    assertThat(ids(filter().hasErrors(true))).containsExactlyInAnyOrder(checkout.id(), running.id());
    assertThat(ids(filter().hasErrors(false))).containsExactly(nightly.id());
    assertThat(ids(filter().hasErrors(true).statuses(Set.of(TraceStatus.FAILED, TraceStatus.COMPLETED))))
        .containsExactly(checkout.id());
    assertThat(ids(filter().tagsAny(Set.of("beta", "us")))).containsExactlyInAnyOrder(checkout.id(), nightly.id());
    assertThat(ids(filter().tagsAll(Set.of("eu", "beta")))).containsExactly(checkout.id());
    assertThat(ids(filter().tagsAll(Set.of("eu", "us")))).isEmpty();
    assertThat(ids(filter().nameContains("checkout_100%"))).containsExactly(checkout.id());
    // LIKE's wildcards in the text are literal.
    assertThat(ids(filter().nameContains("_"))).containsExactly(checkout.id());
    assertThat(ids(filter().durations(200.0, 300.0))).containsExactly(checkout.id());
    assertThat(ids(filter().durations(1000.0, null))).containsExactly(nightly.id());
    assertThat(ids(filter().metadata(Map.of("tier", Map.of("level", "gold"))))).containsExactly(checkout.id());
    assertThat(ids(filter().metadata(Map.of("region", "us")))).containsExactly(nightly.id());
    assertThat(ids(filter().minEventLevel(EventLevel.WARN))).containsExactlyInAnyOrder(checkout.id(), nightly.id(), running.id());
    assertThat(ids(filter().minEventLevel(EventLevel.CRITICAL))).containsExactly(running.id());
    assertThat(ids(filter().minEventLevel(EventLevel.ERROR).types(Set.of(TraceType.API_REQUEST))))
        .containsExactlyInAnyOrder(checkout.id(), running.id());
    // Another tenant's filter sees none of it.
    assertThat(ids(new Filter(TraceFilter.all(new TenantId("someone-else"))))).isEmpty();
  }

  @Test
  void pagesByNumberWithATotal() {
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      traces.add(trace("ctx", TraceType.CUSTOM, "t" + i, T0.plusSeconds(i), Map.of(), List.of()));
    }
    save(List.of(), traces.toArray(Trace[]::new));

    TraceSlice second = list(filter().build(), new TraceListRequest(1, 2, null, NEWEST_FIRST));
    assertThat(second.items()).extracting(Trace::id).containsExactly(traces.get(2).id(), traces.get(1).id());
    assertThat(second.totalItems()).isEqualTo(5);
    assertThat(list(filter().build(), new TraceListRequest(0, 0, null, NEWEST_FIRST)).totalItems()).isEqualTo(5);
  }

  @Test
  void aCursorNeitherRepeatsNorSkipsWhileNewTracesArrive() {
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      traces.add(trace("ctx", TraceType.CUSTOM, "t" + i, T0.plusSeconds(i), Map.of(), List.of()));
    }
    save(List.of(), traces.toArray(Trace[]::new));

    TraceSlice first = list(filter().build(), new TraceListRequest(0, 2, null, NEWEST_FIRST));
    assertThat(first.items()).extracting(Trace::id).containsExactly(traces.get(4).id(), traces.get(3).id());
    // A newer trace arrives between two pages: offset paging would repeat t3.
    save(List.of(), trace("ctx", TraceType.CUSTOM, "late", T0.plusSeconds(10), Map.of(), List.of()));
    PageCursor cursor = PageCursor.decode(first.next().encode());
    TraceSlice second = list(filter().build(), new TraceListRequest(0, 2, cursor, NEWEST_FIRST));
    assertThat(second.items()).extracting(Trace::id).containsExactly(traces.get(2).id(), traces.get(1).id());
    assertThat(second.totalItems()).isNull();
    TraceSlice third = list(filter().build(), new TraceListRequest(0, 2, second.next(), NEWEST_FIRST));
    assertThat(third.items()).extracting(Trace::id).containsExactly(traces.get(0).id());
    assertThat(third.next()).isNull();
  }

  @Test
  void aCursorFollowsDurationsWithRunningTracesLast() {
    Trace slow = trace("ctx", TraceType.CUSTOM, "slow", T0, Map.of(), List.of());
    Trace quick = trace("ctx", TraceType.CUSTOM, "quick", T0.plusSeconds(1), Map.of(), List.of());
    Trace running = trace("ctx", TraceType.CUSTOM, "running", T0.plusSeconds(2), Map.of(), List.of());
    Trace medium = trace("ctx", TraceType.CUSTOM, "medium", T0.plusSeconds(3), Map.of(), List.of());
    save(List.of(), slow, quick, running, medium);
    end(slow, trace -> trace.complete(T0.plusMillis(900)));
    end(quick, trace -> trace.complete(T0.plusSeconds(1).plusMillis(5)));
    end(medium, trace -> trace.complete(T0.plusSeconds(3).plusMillis(50)));
    TraceSort longest = new TraceSort(TraceSort.Field.DURATION, true);

    TraceSlice first = list(filter().build(), new TraceListRequest(0, 2, null, longest));
    assertThat(first.items()).extracting(Trace::id).containsExactly(slow.id(), medium.id());
    TraceSlice second = list(filter().build(), new TraceListRequest(0, 2, first.next(), longest));
    assertThat(second.items()).extracting(Trace::id).containsExactly(quick.id(), running.id());
  }

  @Test
  void aCursorOfAnotherSortIsRefused() {
    PageCursor byStart = PageCursor.afterStart(NEWEST_FIRST, T0, java.util.UUID.randomUUID());
    assertThatThrownBy(() -> new TraceListRequest(0, 10, byStart, new TraceSort(TraceSort.Field.DURATION, true)))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("cursor");
    assertThatThrownBy(() -> PageCursor.decode("bm90IGEgY3Vyc29y"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void aggregatesByTypeAndHourInPostgres() {
    // Hour 10: two api requests (100 ms and 300 ms, one failed), one task; hour 11: one api request.
    Trace a = trace("c", TraceType.API_REQUEST, "a", T0, Map.of("region", "eu"), List.of());
    Trace b = trace("c", TraceType.API_REQUEST, "b", T0.plusSeconds(600), Map.of("region", "us"), List.of());
    Trace task = trace("c", TraceType.BACKGROUND_TASK, "task", T0.plusSeconds(1200), Map.of(), List.of());
    Trace later = trace("c", TraceType.API_REQUEST, "later", T0.plusSeconds(3600), Map.of("region", "eu"), List.of());
    List<Event> events = List.of(record(a, EventLevel.INFO), record(a, EventLevel.DEBUG), record(b, EventLevel.ERROR),
        record(task, EventLevel.WARN));
    save(events, a, b, task, later);
    end(a, trace -> trace.complete(T0.plusMillis(100)));
    end(b, trace -> trace.fail("boom", T0.plusSeconds(600).plusMillis(300)));
    end(later, trace -> trace.complete(T0.plusSeconds(3600).plusMillis(1000)));

    List<AggregateRow> rows = aggregate(filter().build(), new Aggregation(
        List.of(new Grouping.ByType(), new Grouping.ByTime(TimeBucket.HOUR)),
        EnumSet.of(Measure.COUNT, Measure.AVG_DURATION, Measure.MAX_DURATION, Measure.P50_DURATION,
            Measure.ERROR_RATE, Measure.EVENTS_BY_LEVEL)));

    assertThat(rows).extracting(AggregateRow::group).containsExactly(
        Map.of("type", "api_request", "time", "2026-03-01T10:00:00Z"),
        Map.of("type", "api_request", "time", "2026-03-01T11:00:00Z"),
        Map.of("type", "background_task", "time", "2026-03-01T10:00:00Z"));
    AggregateRow requests = rows.get(0);
    assertThat(requests.count()).isEqualTo(2);
    assertThat(requests.avgDurationMs()).isEqualTo(200.0);
    assertThat(requests.maxDurationMs()).isEqualTo(300.0);
    assertThat(requests.p50DurationMs()).isEqualTo(200.0);
    assertThat(requests.errorRate()).isEqualTo(0.5);
    assertThat(requests.eventsByLevel()).containsEntry(EventLevel.INFO, 1L).containsEntry(EventLevel.DEBUG, 1L)
        .containsEntry(EventLevel.ERROR, 1L).containsEntry(EventLevel.WARN, 0L);
    assertThat(requests.minDurationMs()).as("not asked for").isNull();
    // The task is still running: no duration yet, its events counted live.
    AggregateRow running = rows.get(2);
    assertThat(running.count()).isEqualTo(1);
    assertThat(running.avgDurationMs()).isNull();
    assertThat(running.errorRate()).isEqualTo(0.0);
    assertThat(running.eventsByLevel()).containsEntry(EventLevel.WARN, 1L);

    List<AggregateRow> byRegion = aggregate(filter().build(),
        new Aggregation(List.of(new Grouping.ByMetadataKey("region")), EnumSet.of(Measure.COUNT)));
    assertThat(byRegion).extracting(row -> row.group().get("metadata.region"), AggregateRow::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("eu", 2L), org.assertj.core.groups.Tuple.tuple("us", 1L),
            org.assertj.core.groups.Tuple.tuple(null, 1L));

    AggregateRow all = aggregate(filter().build(), new Aggregation(List.of(), EnumSet.of(Measure.COUNT))).get(0);
    assertThat(all.group()).isEmpty();
    assertThat(all.count()).isEqualTo(4);
  }

  // ---------------------------------------------------------------------------------------------

  private Trace trace(String contextId, TraceType type, String name, Instant startedAt, Map<String, ?> metadata,
      List<String> tags) {
    NewTrace what = new NewTrace(contextId, "exec-" + contextId, type, name, null, JsonMap.of(metadata, "metadata"), tags);
    return Trace.start(tenant, TraceId.next(CLOCK), what, startedAt);
  }

  private static Event record(Trace trace, EventLevel level) {
    return trace.recordEvent(EventId.next(CLOCK), new NewEvent(null, "step", level, null, null, null, null, null),
        Optional.empty(), trace.startedAt());
  }

  private void save(List<Event> events, Trace... traces) {
    inTransaction(em -> {
      JpaTraceRepository repository = new JpaTraceRepository(em, new PersistenceMapperImpl());
      for (Trace trace : traces) {
        repository.store(trace);
      }
      new JpaEventRepository(em, new PersistenceMapperImpl()).addAll(events);
      return null;
    });
  }

  /** Ends a stored trace as the close use case does: under its lock, which writes its event counts. */
  private void end(Trace trace, java.util.function.Consumer<Trace> ending) {
    inTransaction(em -> {
      JpaTraceRepository repository = new JpaTraceRepository(em, new PersistenceMapperImpl());
      Trace stored = repository.lock(tenant, trace.id(), dev.tracemodule.domain.trace.TraceRepository.Lock.EXCLUSIVE)
          .orElseThrow();
      ending.accept(stored);
      repository.store(stored);
      return null;
    });
  }

  private TraceSlice list(TraceFilter filter, TraceListRequest request) {
    return inTransaction(em -> queries(em).list(filter, request));
  }

  private List<AggregateRow> aggregate(TraceFilter filter, Aggregation aggregation) {
    return inTransaction(em -> queries(em).aggregate(filter, aggregation));
  }

  private List<TraceId> ids(Filter filter) {
    return list(filter.build(), new TraceListRequest(0, 100, null, NEWEST_FIRST)).items().stream().map(Trace::id).toList();
  }

  private static SqlTraceQueries queries(EntityManager em) {
    return new SqlTraceQueries(em, new JpaTraceRepository(em, new PersistenceMapperImpl()));
  }

  private static <T> T inTransaction(Function<EntityManager, T> work) {
    return persistence.inTransaction(work);
  }

  private Filter filter() {
    return new Filter(TraceFilter.all(tenant));
  }

  /** Builds filters one member at a time, for readable tests. */
  private record Filter(TraceFilter f) {
    TraceFilter build() {
      return f;
    }

    private Filter with(Set<String> contextIds, String executionId, Set<TraceType> types, Set<TraceStatus> statuses,
        Instant from, Instant to, Boolean hasErrors, Set<String> tagsAny, Set<String> tagsAll, String name,
        Double min, Double max, JsonMap metadata, EventLevel level) {
      return new Filter(new TraceFilter(f.tenantId(), contextIds, executionId, types, statuses, from, to, hasErrors,
          tagsAny, tagsAll, name, min, max, metadata, level));
    }

    Filter contextIds(Set<String> v) {
      return with(v, f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter executionId(String v) {
      return with(f.contextIds(), v, f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter types(Set<TraceType> v) {
      return with(f.contextIds(), f.executionId(), v, f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter statuses(Set<TraceStatus> v) {
      return with(f.contextIds(), f.executionId(), f.types(), v, f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter startedBetween(Instant from, Instant to) {
      return new Filter(f.startedBetween(from, to));
    }

    Filter hasErrors(boolean v) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), v,
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter tagsAny(Set<String> v) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          v, f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter tagsAll(Set<String> v) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), v, f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter nameContains(String v) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), v, f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), f.minEventLevel());
    }

    Filter durations(Double min, Double max) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), min, max, f.metadataContains(), f.minEventLevel());
    }

    Filter metadata(Map<String, ?> v) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), JsonMap.of(v, "metadata"),
          f.minEventLevel());
    }

    Filter minEventLevel(EventLevel v) {
      return with(f.contextIds(), f.executionId(), f.types(), f.statuses(), f.startedFrom(), f.startedTo(), f.hasErrors(),
          f.tagsAny(), f.tagsAll(), f.nameContains(), f.minDurationMs(), f.maxDurationMs(), f.metadataContains(), v);
    }
  }
}
