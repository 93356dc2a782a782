package dev.tracemodule.application.trace;

import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records events in an active trace. The trace row is share-locked meanwhile, so events may be
 * recorded concurrently but the trace cannot end half way through a batch. Events whose
 * client-chosen ids are stored already are reported, not written again: a retry is harmless.
 */
@ApplicationScoped
public class RecordEventsHandler {

  private TraceRepository traces;
  private EventRepository events;
  private Clock clock;

  protected RecordEventsHandler() {}

  @Inject
  public RecordEventsHandler(TraceRepository traces, EventRepository events, Clock clock) {
    this.traces = traces;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public EventsRecorded handle(RecordEvents command) {
    Trace trace =
        traces
            .lock(command.tenantId(), command.traceId(), TraceRepository.Lock.SHARED)
            .orElseThrow(() -> new TraceNotFoundException(command.traceId().value()));
    List<NewEvent> batch = command.events();
    Map<EventId, Event> known = storedEventsNamedBy(command);
    Set<EventId> seen = new HashSet<>();
    Instant now = clock.instant();
    List<Event> recorded = new ArrayList<>(batch.size());
    List<Event> alreadyRecorded = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      NewEvent what = batch.get(i);
      EventId id = what.id() != null ? what.id() : EventId.next(clock);
      if (!seen.add(id)) {
        throw new InvalidValueException(command.prefix(i) + "id", "event " + id + " appears twice in the batch");
      }
      if (known.containsKey(id)) {
        alreadyRecorded.add(known.get(id));
        continue;
      }
      Optional<Event> parent = Optional.ofNullable(what.parentId()).map(known::get);
      try {
        Event event = trace.recordEvent(id, what, parent, now);
        known.put(id, event);
        recorded.add(event);
      } catch (InvalidValueException e) {
        throw e.under(command.prefix(i));
      }
    }
    events.addAll(recorded);
    return new EventsRecorded(recorded, alreadyRecorded);
  }

  /** Loads, in one query, the stored events the batch names as parents or as its own ids. */
  private Map<EventId, Event> storedEventsNamedBy(RecordEvents command) {
    Set<EventId> named = new HashSet<>();
    for (NewEvent what : command.events()) {
      if (what.id() != null) {
        named.add(what.id());
      }
      if (what.parentId() != null) {
        named.add(what.parentId());
      }
    }
    Map<EventId, Event> stored = new HashMap<>();
    if (!named.isEmpty()) {
      events.findByIds(command.tenantId(), command.traceId(), named).forEach(e -> stored.put(e.id(), e));
    }
    return stored;
  }
}
