package dev.tracemodule.domain.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one trace, in the order they happened: by timestamp, and events of the same
 * instant in the order they were recorded (the order of the list given, which repositories keep).
 */
public final class TraceEvents {

  private static final Comparator<Event> CHRONOLOGICAL = Comparator.comparing(Event::timestamp);

  private final List<Event> events;

  private TraceEvents(List<Event> events) {
    this.events = events;
  }

  public static TraceEvents of(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(CHRONOLOGICAL); // stable: ties keep their recorded order
    return new TraceEvents(Collections.unmodifiableList(sorted));
  }

  public List<Event> asList() {
    return events;
  }

  public int size() {
    return events.size();
  }

  public List<Event> ofType(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  public List<Event> atLevel(EventLevel level) {
    return events.stream().filter(e -> e.level() == level).toList();
  }

  /** Counts for every level, zero included, in level order. */
  public Map<EventLevel, Long> countByLevel() {
    Map<EventLevel, Long> counts = new EnumMap<>(EventLevel.class);
    for (EventLevel level : EventLevel.values()) {
      counts.put(level, 0L);
    }
    events.forEach(e -> counts.merge(e.level(), 1L, Long::sum));
    return counts;
  }

  /** Counts by event type, in the order each type first happened. */
  public Map<String, Long> countByType() {
    Map<String, Long> counts = new LinkedHashMap<>();
    events.forEach(e -> counts.merge(e.type(), 1L, Long::sum));
    return counts;
  }

  /**
   * The events as a forest: roots are events without a parent, children follow their parent in
   * the order they happened. Built without recursion, so a deep chain cannot overflow the stack.
   */
  public List<EventNode> tree() {
    Map<EventId, List<EventNode>> childrenOf = new HashMap<>(events.size() * 2);
    List<EventNode> roots = new ArrayList<>();
    for (Event event : events) {
      List<EventNode> children = new ArrayList<>();
      childrenOf.put(event.id(), children);
    }
    for (Event event : events) {
      EventNode node = new EventNode(event, Collections.unmodifiableList(childrenOf.get(event.id())));
      List<EventNode> siblings =
          event.parentId().map(childrenOf::get).orElse(roots);
      // A parent outside this list (never stored that way, but be safe) makes the event a root.
      (siblings != null ? siblings : roots).add(node);
    }
    return Collections.unmodifiableList(roots);
  }
}
