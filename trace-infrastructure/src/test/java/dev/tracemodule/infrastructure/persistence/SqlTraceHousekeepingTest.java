package dev.tracemodule.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.NewTrace;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import dev.tracemodule.infrastructure.testing.TestPersistence;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expiry, partitions and retention on PostgreSQL, including two transactions at once. */
class SqlTraceHousekeepingTest {

  private static TestPersistence persistence;

  private final TenantId tenant = new TenantId("t-" + java.util.UUID.randomUUID().toString().substring(0, 8));

  @BeforeAll
  static void startDatabase() throws Exception {
    persistence = TestPersistence.start("housekeeping");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (persistence != null) {
      persistence.close();
    }
  }

  @Test
  void expiresOnlyDueActiveTracesOnceWithTheirEventCounts() {
    Instant now = Instant.parse("2026-05-10T12:00:00Z");
    Trace forgotten = trace(now.minusSeconds(7200));
    Trace ended = trace(now.minusSeconds(7200));
    Trace recent = trace(now.minusSeconds(60));
    Event warning = record(forgotten, EventLevel.WARN);
    Event failure = record(forgotten, EventLevel.ERROR);
    ended.complete(now.minusSeconds(7000));
    save(List.of(warning, failure), forgotten, ended, recent);

    // The tests share a database, and housekeeping spans tenants: count only this test's traces.
    assertThat(expire(now.minusSeconds(3600), now)).isPositive();

    Trace stored = find(forgotten.id());
    assertThat(stored.status()).isEqualTo(TraceStatus.EXPIRED);
    assertThat(stored.completedAt()).isEqualTo(now);
    assertThat(stored.durationMs()).contains(7_200_000.0);
    assertThat(counts(forgotten.id())).containsExactly(0, 0, 1, 1, 0);
    assertThat(find(ended.id()).status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(find(recent.id()).status()).isEqualTo(TraceStatus.ACTIVE);
    // A second run, on this instance or another, does not end the trace again.
    expire(now.minusSeconds(3600), now.plusSeconds(3600));
    assertThat(find(forgotten.id()).completedAt()).isEqualTo(now);
  }

  @Test
  void aTraceBeingWrittenToExpiresOnALaterRun() {
    Instant now = Instant.parse("2026-05-11T12:00:00Z");
    Trace busy = trace(now.minusSeconds(7200));
    Trace idle = trace(now.minusSeconds(7200));
    save(List.of(), busy, idle);

    EntityManager writer = persistence.entityManager();
    try {
      writer.getTransaction().begin();
      // As a batch of events does: a share lock on its trace until it commits.
      new JpaTraceRepository(writer, new PersistenceMapperImpl()).lock(tenant, busy.id(), TraceRepository.Lock.SHARED);

      assertThat(expire(now, now)).isPositive();
      assertThat(find(idle.id()).status()).isEqualTo(TraceStatus.EXPIRED);
      writer.getTransaction().commit();
    } finally {
      writer.close();
    }
    assertThat(find(busy.id()).status()).isEqualTo(TraceStatus.ACTIVE);
    expire(now, now);
    assertThat(find(busy.id()).status()).isEqualTo(TraceStatus.EXPIRED);
  }

  @Test
  void retentionDropsWholeDaysWithTheirTracesAndKeepsTheRest() {
    LocalDate old = LocalDate.parse("2026-01-05");
    LocalDate kept = LocalDate.parse("2026-02-10");
    assertThat(prepare(old, old.plusDays(1))).isEqualTo(2);
    assertThat(prepare(old, old.plusDays(1))).isZero();
    Trace ancient = trace(old.atTime(10, 0).toInstant(ZoneOffset.UTC));
    Trace recent = trace(kept.atTime(10, 0).toInstant(ZoneOffset.UTC));
    Event ancientEvent = record(ancient, EventLevel.INFO);
    Event recentEvent = record(recent, EventLevel.INFO);
    save(List.of(ancientEvent, recentEvent), ancient, recent);
    assertThat(partitionOf(ancient.id())).isEqualTo("event_p20260105");

    long removed = remove(kept);

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThat(findOptional(ancient.id())).isEmpty();
    assertThat(eventCount(ancient.id())).isZero();
    assertThat(findOptional(recent.id())).isPresent();
    assertThat(eventCount(recent.id())).isEqualTo(1);
    Object gone = inTransaction(em -> em.createNativeQuery("select to_regclass('event_p20260105') is null").getSingleResult());
    assertThat(gone).isEqualTo(true);
  }

  // ---------------------------------------------------------------------------------------------

  private Trace trace(Instant startedAt) {
    NewTrace what = new NewTrace("ctx", null, TraceType.CUSTOM, "t", null, JsonMap.EMPTY, List.of());
    return Trace.start(tenant, TraceId.next(Clock.fixed(startedAt, ZoneOffset.UTC)), what, startedAt);
  }

  private static Event record(Trace trace, EventLevel level) {
    return trace.recordEvent(EventId.next(Clock.fixed(trace.startedAt(), ZoneOffset.UTC)),
        new NewEvent(null, "step", level, null, null, null, null, null), Optional.empty(), trace.startedAt());
  }

  private static int expire(Instant cutoff, Instant now) {
    Integer expired = inTransaction(em -> new SqlTraceHousekeeping(em).expireStartedBefore(cutoff, now, 100));
    return expired;
  }

  private static int prepare(LocalDate first, LocalDate last) {
    Integer made = inTransaction(em -> new SqlTraceHousekeeping(em).preparePartitions(first, last));
    return made;
  }

  private static long remove(LocalDate firstKeptDay) {
    Long removed = inTransaction(em -> new SqlTraceHousekeeping(em).removeStartedBefore(firstKeptDay));
    return removed;
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

  private Trace find(TraceId id) {
    return findOptional(id).orElseThrow();
  }

  private Optional<Trace> findOptional(TraceId id) {
    return inTransaction(em -> new JpaTraceRepository(em, new PersistenceMapperImpl()).findById(tenant, id));
  }

  private List<Integer> counts(TraceId id) {
    Object[] row = inTransaction(em -> (Object[]) em.createNativeQuery(
            "select debug_events, info_events, warn_events, error_events, critical_events from trace where id = :id")
        .setParameter("id", id.value()).getSingleResult());
    return java.util.Arrays.stream(row).map(value -> ((Number) value).intValue()).toList();
  }

  private long eventCount(TraceId id) {
    return inTransaction(em -> ((Number) em.createNativeQuery("select count(*) from event where trace_id = :id")
        .setParameter("id", id.value()).getSingleResult()).longValue());
  }

  private String partitionOf(TraceId id) {
    return inTransaction(em -> (String) em.createNativeQuery(
            "select tableoid::regclass::text from event where trace_id = :id limit 1")
        .setParameter("id", id.value()).getSingleResult());
  }

  private static <T> T inTransaction(Function<EntityManager, T> work) {
    return persistence.inTransaction(work);
  }
}
