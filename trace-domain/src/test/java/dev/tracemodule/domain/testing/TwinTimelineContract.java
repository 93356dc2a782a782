package dev.tracemodule.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.twin.AppliedChange;
import dev.tracemodule.domain.twin.FieldDefinition;
import dev.tracemodule.domain.twin.FieldType;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinKind;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinTimeline;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random histories recorded through {@link TwinTimeline}, in and out of order, and rebuilt at
 * random instants, each checked against a replay of the whole history written here on its own:
 * sort every change by time and arrival, apply the ones up to the instant to the defaults. Run
 * against every {@link TwinRepository}.
 */
public abstract class TwinTimelineContract {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final TwinTypeName COUNTER = new TwinTypeName("Counter");
  private static final TwinType TYPE = new TwinType(COUNTER, TwinKind.OBJECT, 1, null, List.of(
      new FieldDefinition("count", FieldType.INTEGER, 0, false, null),
      new FieldDefinition("label", FieldType.STRING, "none", false, null),
      new FieldDefinition("amount", FieldType.DECIMAL, null, true, null),
      new FieldDefinition("tags", FieldType.listOf(FieldType.STRING), List.of(), false, null)));

  /** Runs {@code work} with a repository, in a transaction of its own. */
  protected abstract <T> T inTransaction(Function<TwinRepository, T> work);

  /** Histories to try; the database runs fewer. */
  protected int histories() {
    return 40;
  }

  protected final TenantId tenant = new TenantId("twins-" + UUID.randomUUID().toString().substring(0, 8));

  /** A recorded change as the independent replay sees it. */
  private record Recorded(Instant at, int arrival, Map<String, Object> changes) {}

  @Test
  void aRebuildAtAnyInstantEqualsAReplayOfEveryChangeUpToIt() {
    SplittableRandom random = new SplittableRandom(2026);
    for (int history = 0; history < histories(); history++) {
      int snapshotEvery = 1 + random.nextInt(12);
      ObjectId object = new ObjectId("counter-" + history + "-" + UUID.randomUUID());
      List<Recorded> recorded = new ArrayList<>();
      int changes = 1 + random.nextInt(history % 5 == 0 ? 400 : 60);
      long clock = 0;
      for (int arrival = 0; arrival < changes; arrival++) {
        // Mostly forward in time, sometimes at the same instant, sometimes back-filled far behind.
        long at = switch (random.nextInt(10)) {
          case 0 -> Math.max(0, clock - random.nextLong(1, 5_000));
          case 1 -> clock;
          default -> clock += random.nextLong(1, 1_000);
        };
        Map<String, Object> set = randomChange(random);
        recorded.add(new Recorded(T0.plusMillis(at), arrival, canonical(set)));
        record(object, T0.plusMillis(at), set, snapshotEvery);
      }
      long last = clock;
      for (int probe = 0; probe < 25; probe++) {
        Instant at = switch (probe % 3) {
          case 0 -> recorded.get(random.nextInt(recorded.size())).at(); // exactly at a change
          case 1 -> T0.plusMillis(random.nextLong(-100, last + 100)).plusNanos(500_000);
          default -> T0.plusMillis(random.nextLong(-10, last + 10));
        };
        Map<String, Object> expected = naiveReplay(recorded, at);
        long revision = recorded.stream().filter(r -> !r.at().isAfter(at)).count();
        Optional<ObjectTwin> rebuilt = inTransaction(repository ->
            new TwinTimeline(repository, (name, version) -> TYPE, snapshotEvery).at(tenant, object, at));
        if (revision == 0) {
          assertThat(rebuilt).as("no state before the first change, at %s", at).isEmpty();
        } else {
          assertThat(rebuilt).as("history %d at %s", history, at).isPresent();
          assertThat(rebuilt.get().state()).as("history %d at %s", history, at).isEqualTo(expected);
          assertThat(rebuilt.get().revision()).isEqualTo(revision);
        }
      }
      ObjectTwin current = inTransaction(repository -> repository.find(tenant, object)).orElseThrow();
      assertThat(current.state()).isEqualTo(naiveReplay(recorded, Instant.MAX));
      assertThat(current.revision()).isEqualTo(recorded.size());
      checkHistory(object, recorded, snapshotEvery, random);
      afterHistory(object, recorded.size(), snapshotEvery);
    }
  }

  /**
   * Called once each history is recorded and checked, with its object, how many changes it
   * recorded (some of them late) and the snapshot interval: a repository that can say what it
   * stored checks it here.
   */
  protected void afterHistory(ObjectId object, int changes, int snapshotEvery) {}

  /** A page of history from a random revision, each field's before and after, as the replay sees them. */
  private void checkHistory(ObjectId object, List<Recorded> recorded, int snapshotEvery, SplittableRandom random) {
    List<Recorded> ordered = inOrder(recorded);
    int from = 1 + random.nextInt(ordered.size());
    int limit = 1 + random.nextInt(30);
    List<AppliedChange> page = inTransaction(repository ->
        new TwinTimeline(repository, (name, version) -> TYPE, snapshotEvery).history(tenant, object, from, limit));
    assertThat(page).hasSize(Math.min(limit, ordered.size() - from + 1));
    Map<String, Object> state = TYPE.defaults();
    for (int revision = 1; revision <= ordered.size(); revision++) {
      Map<String, Object> before = new HashMap<>(state);
      state.putAll(ordered.get(revision - 1).changes());
      int index = revision - from;
      if (index >= 0 && index < page.size()) {
        AppliedChange applied = page.get(index);
        assertThat(applied.revision()).isEqualTo(revision);
        assertThat(applied.fields()).containsOnlyKeys(ordered.get(revision - 1).changes().keySet());
        for (Map.Entry<String, Object> field : ordered.get(revision - 1).changes().entrySet()) {
          assertThat(applied.fields().get(field.getKey()).before()).isEqualTo(before.get(field.getKey()));
          assertThat(applied.fields().get(field.getKey()).after()).isEqualTo(field.getValue());
        }
      }
    }
  }

  private void record(ObjectId object, Instant at, Map<String, Object> set, int snapshotEvery) {
    inTransaction(repository -> {
      ObjectTwin twin = repository.lockOrCreate(tenant, object, ObjectTwin.create(tenant, object, TYPE));
      StateChange change = new StateChange(tenant, object, new EventId(UUID.randomUUID()), COUNTER, 1,
          TYPE.accept(set), at, 0, null, null, null);
      StateChange stored = repository.add(change).orElseThrow();
      return new TwinTimeline(repository, (name, version) -> TYPE, snapshotEvery).record(twin, stored);
    });
  }

  private static Map<String, Object> randomChange(SplittableRandom random) {
    Map<String, Object> set = new LinkedHashMap<>();
    while (set.isEmpty()) {
      if (random.nextInt(2) == 0) {
        set.put("count", random.nextLong(-1_000, 1_000));
      }
      if (random.nextInt(3) == 0) {
        set.put("label", "label-" + random.nextInt(20));
      }
      if (random.nextInt(4) == 0) {
        set.put("amount", random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextLong(-99_999, 99_999), 2));
      }
      if (random.nextInt(5) == 0) {
        set.put("tags", List.of("t" + random.nextInt(3), "u" + random.nextInt(3)));
      }
    }
    return set;
  }

  /** The independent replay: every change in (time, arrival) order, from the defaults. */
  private static Map<String, Object> naiveReplay(List<Recorded> recorded, Instant at) {
    Map<String, Object> state = new HashMap<>();
    state.put("count", 0L);
    state.put("label", "none");
    state.put("amount", null);
    state.put("tags", List.of());
    for (Recorded change : inOrder(recorded)) {
      if (change.at().isAfter(at)) {
        break;
      }
      state.putAll(change.changes());
    }
    return state;
  }

  private static List<Recorded> inOrder(List<Recorded> recorded) {
    return recorded.stream().sorted(Comparator.comparing(Recorded::at).thenComparing(Recorded::arrival)).toList();
  }

  /** Decimals as the type keeps them: no trailing zeros, one decimal place at least. */
  private static Map<String, Object> canonical(Map<String, Object> set) {
    Map<String, Object> canonical = new HashMap<>();
    set.forEach((field, value) -> {
      if (value instanceof BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        value = stripped.scale() < 1 ? stripped.setScale(1) : stripped;
      }
      canonical.put(field, value);
    });
    return canonical;
  }
}
