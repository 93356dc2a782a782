package dev.tracemodule.application.twin;

import dev.tracemodule.application.metrics.TraceActivity;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.StateConflictException;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventKey;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records a change of an object's state, checked against the latest version of its type. The
 * object is locked meanwhile, so its changes take turns; the first creates it. A change that names
 * an active trace is also recorded in it, as an event of type {@code state_change} with the
 * change's id, under the event of the call that made it; a trace that has ended keeps the change
 * as a reference only (history being back-filled). A retried change records nothing.
 */
@ApplicationScoped
public class RecordStateChangeHandler {

  /** The type of the event a change becomes in its trace. */
  public static final String EVENT_TYPE = "state_change";

  private TwinRepository twins;
  private TwinTypeRepository types;
  private TraceRepository traces;
  private EventRepository events;
  private Timelines timelines;
  private Clock clock;
  private jakarta.enterprise.event.Event<TraceActivity> activity;

  protected RecordStateChangeHandler() {}

  @Inject
  public RecordStateChangeHandler(TwinRepository twins, TwinTypeRepository types, TraceRepository traces,
      EventRepository events, Timelines timelines, Clock clock,
      jakarta.enterprise.event.Event<TraceActivity> activity) {
    this.twins = twins;
    this.types = types;
    this.traces = traces;
    this.events = events;
    this.timelines = timelines;
    this.clock = clock;
    this.activity = activity;
  }

  @Transactional
  public RecordedStateChange handle(RecordStateChange command) {
    TwinTypeName typeName = command.type() != null ? command.type()
        : twins.find(command.tenantId(), command.objectId()).map(ObjectTwin::typeName)
            .orElseThrow(() -> new InvalidValueException("type", "is required for an object's first change"));
    TwinType type = types.latest(command.tenantId(), typeName)
        .orElseThrow(() -> new InvalidValueException("type", "no type '" + typeName + "' is registered"));
    Map<String, Object> accepted = type.accept(command.changes());
    Optional<Trace> trace = command.traceId() == null ? Optional.empty()
        : Optional.of(traces.lock(command.tenantId(), command.traceId(), TraceRepository.Lock.SHARED)
            .orElseThrow(() -> new InvalidValueException("traceId", "there is no trace " + command.traceId())));

    ObjectTwin twin = twins.lockOrCreate(command.tenantId(), command.objectId(),
        ObjectTwin.create(command.tenantId(), command.objectId(), type));
    if (!twin.typeName().equals(typeName)) {
      throw new StateConflictException("object " + command.objectId() + " is a " + twin.typeName() + ", not a "
          + typeName);
    }
    Instant at = (command.occurredAt() != null ? command.occurredAt() : clock.instant()).truncatedTo(ChronoUnit.MICROS);
    EventId id = command.id() != null ? command.id() : EventId.next(clock);
    StateChange change = new StateChange(command.tenantId(), command.objectId(), id, typeName, type.version(),
        accepted, at, 0, command.traceId(), command.callEventId(), command.spanId());
    Optional<StateChange> stored = twins.add(change);
    if (stored.isEmpty()) {
      StateChange first = twins.findChange(command.tenantId(), command.objectId(), id).orElseThrow();
      return new RecordedStateChange(first, true, twin, versionOf(twin, type));
    }
    ObjectTwin now = timelines.of(command.tenantId()).record(twin, stored.get());
    trace.filter(Trace::isActive).ifPresent(active -> recordInTrace(active, stored.get(), command));
    return new RecordedStateChange(stored.get(), false, now, versionOf(now, type));
  }

  private TwinType versionOf(ObjectTwin twin, TwinType latest) {
    return twin.typeVersion() == latest.version() ? latest
        : timelines.versions(twin.tenantId()).version(twin.typeName(), twin.typeVersion());
  }

  /** The change as an event of its trace: same id, same time, under the event of its call. */
  private void recordInTrace(Trace trace, StateChange change, RecordStateChange command) {
    Optional<Event> call = command.callEventId() == null ? Optional.empty()
        : events.findByKeys(command.tenantId(), Set.of(new EventKey(trace.id(), command.callEventId())))
            .stream().findFirst();
    if (command.callEventId() != null && call.isEmpty()) {
      throw new InvalidValueException("eventId", "event " + command.callEventId() + " is not an event of trace "
          + trace.id());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("objectId", change.objectId().value());
    data.put("type", change.typeName().value());
    data.put("typeVersion", change.typeVersion());
    data.put("changes", change.changes());
    if (change.spanId() != null) {
      data.put("spanId", change.spanId());
    }
    NewEvent what = new NewEvent(change.id(), EVENT_TYPE, EventLevel.INFO,
        change.typeName() + " " + change.objectId() + ": " + String.join(", ", change.changes().keySet()),
        JsonMap.of(data, "changes"), change.occurredAt(), null, command.callEventId(), change.objectId());
    Event event = trace.recordEvent(change.id(), what, call, clock.instant());
    events.addAll(List.of(event));
    Map<EventLevel, Integer> byLevel = new EnumMap<>(EventLevel.class);
    byLevel.put(EventLevel.INFO, 1);
    activity.fire(new TraceActivity.EventsStored(byLevel));
  }
}
