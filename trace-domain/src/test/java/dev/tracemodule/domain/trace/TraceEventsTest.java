package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TraceEventsTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final TraceId TRACE = new TraceId(new UUID(1, 1));

  private static EventId id(long n) {
    return new EventId(new UUID(0, n));
  }

  /** Event {@code n}, {@code micros} after T0, under event {@code parent} (0 for none). */
  private static Event event(long n, String type, EventLevel level, long micros, long parent) {
    return new Event(
        TenantId.DEFAULT,
        TRACE,
        id(n),
        parent == 0 ? null : id(parent),
        type,
        level,
        null,
        null,
        T0.plusNanos(micros * 1_000),
        null);
  }

  private static Event event(long n, String type, long micros) {
    return event(n, type, EventLevel.INFO, micros, 0);
  }

  private static Event child(long n, String type, long micros, long parent) {
    return event(n, type, EventLevel.INFO, micros, parent);
  }

  private static List<String> nodeTypes(List<EventNode> nodes) {
    return nodes.stream().map(node -> node.event().type()).toList();
  }

  private static List<String> eventTypes(List<Event> events) {
    return events.stream().map(Event::type).toList();
  }

  @Nested
  class Ordering {

    @Test
    void sortsByTimestampKeepingTheRecordedOrderOfTies() {
      TraceEvents events =
          TraceEvents.of(
              List.of(
                  event(3, "c", 20), event(2, "b-tie", 10), event(9, "d", 30), event(1, "a-tie", 10)));

      assertThat(eventTypes(events.asList())).containsExactly("b-tie", "a-tie", "c", "d");
      assertThat(events.size()).isEqualTo(4);
    }

    @Test
    void isUnaffectedByChangesToTheSourceAndUnmodifiable() {
      List<Event> source = new ArrayList<>(List.of(event(1, "a", 1)));
      TraceEvents events = TraceEvents.of(source);
      source.add(event(2, "b", 2));

      assertThat(eventTypes(events.asList())).containsExactly("a");
      assertThatThrownBy(() -> events.asList().add(event(3, "c", 3)))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Queries {

    private final TraceEvents events =
        TraceEvents.of(
            List.of(
                event(5, "db", EventLevel.ERROR, 50, 0),
                event(1, "http", EventLevel.INFO, 10, 0),
                event(3, "http", EventLevel.WARN, 30, 0),
                event(2, "db", EventLevel.INFO, 20, 0),
                event(4, "cache", EventLevel.ERROR, 40, 0)));

    @Test
    void selectsByTypeInChronologicalOrder() {
      assertThat(events.ofType("db")).extracting(Event::id).containsExactly(id(2), id(5));
      assertThat(events.ofType("queue")).isEmpty();
    }

    @Test
    void selectsByExactLevel() {
      assertThat(events.atLevel(EventLevel.ERROR))
          .extracting(Event::id)
          .containsExactly(id(4), id(5));
      assertThat(events.atLevel(EventLevel.CRITICAL)).isEmpty();
    }

    @Test
    void countsEveryLevelIncludingZerosInLevelOrder() {
      assertThat(events.countByLevel())
          .containsExactly(
              Map.entry(EventLevel.DEBUG, 0L),
              Map.entry(EventLevel.INFO, 2L),
              Map.entry(EventLevel.WARN, 1L),
              Map.entry(EventLevel.ERROR, 2L),
              Map.entry(EventLevel.CRITICAL, 0L));
    }

    @Test
    void countsTypesInTheOrderEachFirstHappened() {
      assertThat(events.countByType())
          .containsExactly(Map.entry("http", 2L), Map.entry("db", 2L), Map.entry("cache", 1L));
    }
  }

  @Nested
  class Tree {

    @Test
    void buildsAForestWithChildrenInChronologicalOrder() {
      // a ─┬─ b ─┬─ d
      //    │     └─ e ── g
      //    └─ c
      // f
      List<Event> events =
          new ArrayList<>(
              List.of(
                  event(1, "a", 1),
                  child(2, "b", 2, 1),
                  child(3, "c", 3, 1),
                  child(4, "d", 4, 2),
                  child(5, "e", 5, 2),
                  event(6, "f", 6),
                  child(7, "g", 7, 5)));
      Collections.shuffle(events, new Random(42));

      List<EventNode> roots = TraceEvents.of(events).tree();

      assertThat(nodeTypes(roots)).containsExactly("a", "f");
      EventNode a = roots.get(0);
      assertThat(nodeTypes(a.children())).containsExactly("b", "c");
      EventNode b = a.children().get(0);
      assertThat(nodeTypes(b.children())).containsExactly("d", "e");
      assertThat(nodeTypes(b.children().get(1).children())).containsExactly("g");
      assertThat(b.children().get(0).children()).isEmpty();
      assertThat(a.children().get(1).children()).isEmpty();
      assertThat(roots.get(1).children()).isEmpty();
    }

    @Test
    void placesAChildUnderItsParentEvenWhenItHappenedFirst() {
      List<EventNode> roots =
          TraceEvents.of(List.of(event(1, "parent", 10), child(2, "early-child", 5, 1))).tree();

      assertThat(nodeTypes(roots)).containsExactly("parent");
      assertThat(nodeTypes(roots.get(0).children())).containsExactly("early-child");
    }

    @Test
    void makesAnEventWhoseParentIsMissingARoot() {
      List<EventNode> roots =
          TraceEvents.of(List.of(event(1, "root", 1), child(2, "orphan", 2, 99))).tree();

      assertThat(nodeTypes(roots)).containsExactly("root", "orphan");
    }

    @Test
    void isEmptyForNoEvents() {
      assertThat(TraceEvents.of(List.of()).tree()).isEmpty();
    }

    @Test
    void buildsAVeryDeepChainWithoutOverflowingTheStack() {
      int depth = 20_000;
      List<Event> chain = new ArrayList<>(depth);
      for (int n = 1; n <= depth; n++) {
        chain.add(child(n, "step", n, n - 1));
      }
      Collections.shuffle(chain, new Random(7));

      List<EventNode> roots = TraceEvents.of(chain).tree();

      // Walk down iteratively: EventNode's record equals/toString would recurse 20,000 deep.
      assertThat(roots.size()).isEqualTo(1);
      EventNode node = roots.get(0);
      int walked = 1;
      assertThat(node.event().id()).isEqualTo(id(1));
      while (!node.children().isEmpty()) {
        assertThat(node.children().size()).isEqualTo(1);
        EventNode next = node.children().get(0);
        assertThat(next.event().parentId()).contains(node.event().id());
        node = next;
        walked++;
      }
      assertThat(walked).isEqualTo(depth);
      assertThat(node.event().id()).isEqualTo(id(depth));
    }
  }
}
