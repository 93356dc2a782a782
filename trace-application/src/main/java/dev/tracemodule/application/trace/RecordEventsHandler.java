package dev.tracemodule.application.trace;

import dev.tracemodule.application.metrics.TraceActivity;
import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.application.trace.EventsRecorded.Rejection;
import dev.tracemodule.application.trace.RecordEvents.Shape;
import dev.tracemodule.application.trace.RecordEvents.TracedEvent;
import dev.tracemodule.application.twin.TwinContext;
import dev.tracemodule.domain.shared.DomainException;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.trace.DuplicateEventException;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventKey;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records events in active traces. The traces are share-locked meanwhile, so events may be
 * recorded concurrently but no trace can end half way through a batch. Events whose
 * client-chosen ids are stored already are reported, not written again: a retry is harmless.
 * Everything new is written in one go, whatever the number of traces.
 */
@ApplicationScoped
public class RecordEventsHandler {

  private TraceRepository traces;
  private EventRepository events;
  private Clock clock;
  private jakarta.enterprise.event.Event<TraceActivity> activity;

  protected RecordEventsHandler() {}

  @Inject
  public RecordEventsHandler(
      TraceRepository traces, EventRepository events, Clock clock, jakarta.enterprise.event.Event<TraceActivity> activity) {
    this.traces = traces;
    this.events = events;
    this.clock = clock;
    this.activity = activity;
  }

  @Transactional
  public EventsRecorded handle(RecordEvents command) {
    Map<TraceId, Trace> locked = lockTracesOf(command);
    // Most batches are new: look up only the parents they name outside themselves, and learn
    // that a batch is a retry when the write finds one of its ids stored. Then look up its own
    // ids too and record again. An ended trace only takes retries, so look them up at once.
    boolean mayBeRetry = locked.values().stream().anyMatch(trace -> !trace.isActive());
    EventsRecorded outcome = record(command, locked, mayBeRetry ? everyKeyNamedBy(command) : parentsOutside(command));
    try {
      events.addAll(outcome.recorded());
    } catch (DuplicateEventException retry) {
      outcome = record(command, locked, everyKeyNamedBy(command));
      events.addAll(outcome.recorded());
    }
    if (!outcome.recorded().isEmpty()) {
      activity.fire(new TraceActivity.EventsStored(countByLevel(outcome.recorded())));
    }
    return outcome;
  }

  private static Map<EventLevel, Integer> countByLevel(List<Event> recorded) {
    Map<EventLevel, Integer> counts = new EnumMap<>(EventLevel.class);
    for (Event event : recorded) {
      counts.merge(event.level(), 1, Integer::sum);
    }
    return counts;
  }

  private EventsRecorded record(RecordEvents command, Map<TraceId, Trace> locked, Set<EventKey> lookUp) {
    Map<EventKey, Event> known = new HashMap<>();
    events.findByKeys(command.tenantId(), lookUp).forEach(e -> known.put(EventKey.of(e), e));
    Set<EventKey> seen = new HashSet<>();
    Instant now = clock.instant();
    // Events recorded inside an anchor concern its object, unless they name one.
    ObjectId anchored = TwinContext.currentObject();
    List<Event> recorded = new ArrayList<>(command.events().size());
    List<Event> alreadyRecorded = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < command.events().size(); i++) {
      TracedEvent item = command.events().get(i);
      NewEvent what = NewEvent.concerning(item.event(), anchored);
      try {
        Trace trace = locked.get(item.traceId());
        if (trace == null) {
          throw unknownTrace(command.shape(), item.traceId());
        }
        EventKey key = new EventKey(item.traceId(), what.id() != null ? what.id() : EventId.next(clock));
        if (!seen.add(key)) {
          throw new InvalidValueException("id", "event " + key.eventId() + " appears twice in the batch");
        }
        if (known.containsKey(key)) {
          alreadyRecorded.add(known.get(key));
          continue;
        }
        Optional<Event> parent =
            Optional.ofNullable(what.parentId()).map(p -> known.get(new EventKey(item.traceId(), p)));
        Event event = trace.recordEvent(key.eventId(), what, parent, now);
        known.put(key, event);
        recorded.add(event);
      } catch (DomainException e) {
        if (command.shape().allOrNothing()) {
          throw e instanceof InvalidValueException invalid ? invalid.under(command.shape().prefix(i)) : e;
        }
        rejected.add(new Rejection(i, e.getMessage()));
      }
    }
    return new EventsRecorded(recorded, alreadyRecorded, rejected);
  }

  private Map<TraceId, Trace> lockTracesOf(RecordEvents command) {
    Set<TraceId> ids = new HashSet<>();
    command.events().forEach(e -> ids.add(e.traceId()));
    Map<TraceId, Trace> locked = new HashMap<>();
    for (Trace trace : traces.lockAll(command.tenantId(), ids, TraceRepository.Lock.SHARED)) {
      locked.put(trace.id(), trace);
    }
    return locked;
  }

  private static RuntimeException unknownTrace(Shape shape, TraceId traceId) {
    return switch (shape) {
      case ONE, BATCH_OF_ONE_TRACE -> new TraceNotFoundException(traceId.value());
      case BATCH_OF_TRACES, RECORDED_IN_PROCESS ->
          new InvalidValueException("traceId", "there is no trace " + traceId.value());
    };
  }

  /** The parents the batch names that are not events of the batch itself. */
  private static Set<EventKey> parentsOutside(RecordEvents command) {
    Set<EventKey> own = new HashSet<>();
    for (TracedEvent item : command.events()) {
      if (item.event().id() != null) {
        own.add(new EventKey(item.traceId(), item.event().id()));
      }
    }
    Set<EventKey> parents = new HashSet<>();
    for (TracedEvent item : command.events()) {
      if (item.event().parentId() != null) {
        EventKey parent = new EventKey(item.traceId(), item.event().parentId());
        if (!own.contains(parent)) {
          parents.add(parent);
        }
      }
    }
    return parents;
  }

  /** The batch's own client-chosen ids and the parents it names. */
  private static Set<EventKey> everyKeyNamedBy(RecordEvents command) {
    Set<EventKey> named = new HashSet<>();
    for (TracedEvent item : command.events()) {
      NewEvent what = item.event();
      if (what.id() != null) {
        named.add(new EventKey(item.traceId(), what.id()));
      }
      if (what.parentId() != null) {
        named.add(new EventKey(item.traceId(), what.parentId()));
      }
    }
    return named;
  }
}
