package dev.tracemodule.application.telemetry;

import dev.tracemodule.application.metrics.TraceActivity;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.telemetry.ImportedTrace;
import dev.tracemodule.domain.telemetry.ImportedTraceRepository;
import dev.tracemodule.domain.trace.DuplicateEventException;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventKey;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The steps every import shares, spans or logs: find or create the batch's traces (all locked, in
 * one statement each), add the events not stored before through the bulk path (COPY), and store
 * what changed of the traces afterwards, their event counts with them.
 */
final class TraceImport {

  /** A trace of the batch: what is known of it, and what the batch adds. */
  static final class Work<T> {
    final String otelTraceId;
    final List<T> items;
    ImportedTrace trace;
    boolean endedNow;

    Work(String otelTraceId, List<T> items) {
      this.otelTraceId = otelTraceId;
      this.items = items;
    }
  }

  private TraceImport() {}

  /**
   * Runs an import.
   *
   * @param begin a new trace from its items
   * @param absorb what known trace takes from the items; true when it ended now
   * @param eventsOf the events of the items
   */
  static <T> int run(TenantId tenant, Map<String, List<T>> byTrace, ImportedTraceRepository traces,
      EventRepository events, jakarta.enterprise.event.Event<TraceActivity> activity,
      Function<Work<T>, ImportedTrace> begin, AbsorbStep<T> absorb, BiConsumer<Work<T>, List<Event>> eventsOf) {
    Map<String, Work<T>> work = new LinkedHashMap<>();
    byTrace.forEach((id, items) -> work.put(id, new Work<>(id, items)));

    Map<String, ImportedTrace> known = traces.lockAll(tenant, work.keySet());
    List<ImportedTrace> fresh = new ArrayList<>();
    for (Work<T> w : work.values()) {
      if (!known.containsKey(w.otelTraceId)) {
        w.trace = begin.apply(w);
        fresh.add(w.trace);
      }
    }
    Set<String> created = traces.createAll(tenant, fresh);
    // Another request may have created some meanwhile: those are known now.
    List<String> raced = work.values().stream()
        .filter(w -> w.trace != null && !created.contains(w.otelTraceId)).map(w -> w.otelTraceId).toList();
    if (!raced.isEmpty()) {
      known.putAll(traces.lockAll(tenant, raced));
    }
    List<ImportedTrace> changed = new ArrayList<>();
    for (Work<T> w : work.values()) {
      if (w.trace != null && created.contains(w.otelTraceId)) {
        w.endedNow = !w.trace.isActive();
      } else {
        w.trace = known.get(w.otelTraceId);
        w.endedNow = absorb.absorb(w.trace, w.items);
        if (w.trace.hasChanged()) {
          changed.add(w.trace);
        }
      }
    }

    List<Event> all = new ArrayList<>();
    Map<TraceId, Work<T>> byId = new HashMap<>();
    for (Work<T> w : work.values()) {
      byId.put(w.trace.id(), w);
      eventsOf.accept(w, all);
    }
    List<Event> unseen = notIn(new HashSet<>(), all); // a span sent twice in one request is stored once
    try {
      events.addAll(unseen);
    } catch (DuplicateEventException retried) {
      // A retried request sends what is stored already (its events' ids come from the spans'):
      // only then are they looked up, and the rest stored.
      Set<EventKey> stored = new HashSet<>();
      events.findByKeys(tenant, unseen.stream().map(EventKey::of).toList()).forEach(e -> stored.add(EventKey.of(e)));
      unseen = notIn(stored, unseen);
      events.addAll(unseen);
    }

    traces.updateAll(tenant, changed);
    List<TraceId> ended = new ArrayList<>();
    Map<TraceId, Map<EventLevel, Integer>> late = new HashMap<>();
    for (Work<T> w : work.values()) {
      if (w.endedNow) {
        ended.add(w.trace.id());
      }
    }
    Map<EventLevel, Integer> byLevel = new EnumMap<>(EventLevel.class);
    for (Event event : unseen) {
      byLevel.merge(event.level(), 1, Integer::sum);
      Work<T> w = byId.get(event.traceId());
      if (!w.endedNow && !w.trace.isActive()) {
        late.computeIfAbsent(event.traceId(), id -> new EnumMap<>(EventLevel.class)).merge(event.level(), 1,
            Integer::sum);
      }
    }
    traces.countEventsOfEnded(tenant, ended);
    traces.addToCounts(tenant, late);
    if (!unseen.isEmpty()) {
      activity.fire(new TraceActivity.EventsStored(byLevel));
    }
    return unseen.size();
  }

  /** The events whose keys are not in {@code seen}, each once; adds their keys to it. */
  private static List<Event> notIn(Set<EventKey> seen, List<Event> events) {
    List<Event> rest = new ArrayList<>(events.size());
    for (Event event : events) {
      if (seen.add(EventKey.of(event))) {
        rest.add(event);
      }
    }
    return rest;
  }

  @FunctionalInterface
  interface AbsorbStep<T> {
    boolean absorb(ImportedTrace trace, List<T> items);
  }
}
