package dev.tracemodule.application.trace;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventNodeResponse;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.RecordedEvents;
import dev.tracemodule.api.TraceDetailsResponse;
import dev.tracemodule.api.TraceEventRequest;
import dev.tracemodule.api.TracePageResponse;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.api.TraceSummaryResponse;
import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventNode;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.NewTrace;
import dev.tracemodule.domain.trace.PageRequest;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceCriteria;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TracePage;
import dev.tracemodule.domain.trace.TraceSnapshot;
import dev.tracemodule.domain.trace.TraceSort;
import dev.tracemodule.domain.trace.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

/** Maps the public API's records to the domain's inputs, and the domain's state back. */
@Mapper
public interface TraceMapper {

  // ---- requests to domain inputs ----

  @Mapping(target = "metadata", qualifiedByName = "metadata")
  NewTrace toNewTrace(CreateTraceRequest request);

  @Mapping(target = "data", qualifiedByName = "data")
  @Mapping(target = "parentId", source = "parentEventId")
  NewEvent toNewEvent(RecordEventRequest request);

  /** Maps every item, naming each field at fault in every item ({@code events[2].type}). */
  default List<NewEvent> toNewEvents(List<RecordEventRequest> requests) {
    List<NewEvent> events = new ArrayList<>(requests.size());
    FieldChecks checks = new FieldChecks();
    for (int i = 0; i < requests.size(); i++) {
      try {
        events.add(toNewEvent(requests.get(i)));
      } catch (InvalidValueException e) {
        checks.add(e.under("events[" + i + "]."));
      }
    }
    checks.throwIfAny();
    return events;
  }

  /** Like {@link #toNewEvents}; each item must also name its trace. */
  default List<RecordEvents.TracedEvent> toTracedEvents(List<TraceEventRequest> requests) {
    List<RecordEvents.TracedEvent> events = new ArrayList<>(requests.size());
    FieldChecks checks = new FieldChecks();
    for (int i = 0; i < requests.size(); i++) {
      TraceEventRequest request = requests.get(i);
      String prefix = "events[" + i + "].";
      checks.check(request.traceId() != null, prefix + "traceId", "must not be null");
      try {
        NewEvent event = toNewEvent(request.event());
        if (request.traceId() != null) {
          events.add(new RecordEvents.TracedEvent(new TraceId(request.traceId()), event));
        }
      } catch (InvalidValueException e) {
        checks.add(e.under(prefix));
      }
    }
    checks.throwIfAny();
    return events;
  }

  default FindTraces toFindTraces(TenantId tenantId, TraceQuery query) {
    TraceSort.Field field =
        query.sortBy() == null ? TraceSort.Field.STARTED_AT : toSortField(query.sortBy());
    // Newest or largest first unless the caller asks for ascending order.
    TraceSort sort = new TraceSort(field, query.direction() != TraceQuery.SortDirection.ASC);
    TraceCriteria criteria =
        new TraceCriteria(
            tenantId,
            query.contextId(),
            toDomainTypes(query.types()),
            toDomainStatuses(query.statuses()),
            query.from(),
            query.to(),
            query.hasErrors(),
            query.tags(),
            sort,
            query.otelTraceId());
    return new FindTraces(criteria, new PageRequest(query.page(), query.size()));
  }

  TraceSort.Field toSortField(TraceQuery.SortField field);

  Set<dev.tracemodule.domain.trace.TraceType> toDomainTypes(Set<dev.tracemodule.api.TraceType> types);

  Set<dev.tracemodule.domain.trace.TraceStatus> toDomainStatuses(
      Set<dev.tracemodule.api.TraceStatus> statuses);

  // ---- domain state to responses ----

  default TraceResponse toResponse(Trace trace) {
    return toResponse(trace.snapshot(), trace.durationMs().orElse(null));
  }

  @Mapping(target = "durationMs", source = "durationMs")
  TraceResponse toResponse(TraceSnapshot snapshot, Double durationMs);

  // Explicit: MapStruct would otherwise take Event.hasData() as a presence check and drop {}.
  @Mapping(target = "data", expression = "java(toMap(event.data()))")
  EventResponse toResponse(Event event);

  List<EventResponse> toEventResponses(List<Event> events);

  TraceSummaryResponse toResponse(TraceSummary summary);

  EventNodeResponse toResponse(EventNode node);

  List<EventNodeResponse> toNodeResponses(List<EventNode> nodes);

  default RecordedEvents toResponse(EventsRecorded outcome) {
    return new RecordedEvents(
        toEventResponses(outcome.recorded()),
        outcome.alreadyRecorded().stream().map(e -> e.id().value()).toList());
  }

  default TraceDetailsResponse toResponse(TraceDetails details) {
    return new TraceDetailsResponse(
        toResponse(details.trace()),
        toEventResponses(details.events().asList()),
        toResponse(details.summary()));
  }

  default TracePageResponse toResponse(TracePage page) {
    int size = page.page().size();
    return new TracePageResponse(
        page.traces().stream().map(this::toResponse).toList(),
        page.page().page(),
        size,
        page.totalMatching(),
        (page.totalMatching() + size - 1) / size);
  }

  // ---- value types ----

  default UUID toUuid(TraceId id) {
    return id == null ? null : id.value();
  }

  default UUID toUuid(EventId id) {
    return id == null ? null : id.value();
  }

  default EventId toEventId(UUID id) {
    return id == null ? null : new EventId(id);
  }

  default ObjectId toObjectId(String id) {
    return id == null ? null : new ObjectId(id);
  }

  default String toText(ObjectId id) {
    return id == null ? null : id.value();
  }

  default Map<String, Object> toMap(JsonMap json) {
    return json == null ? null : json.asMap();
  }

  @Named("metadata")
  default JsonMap metadata(Map<String, Object> json) {
    return JsonMap.of(json, "metadata");
  }

  @Named("data")
  default JsonMap data(Map<String, Object> json) {
    return JsonMap.of(json, "data");
  }
}
