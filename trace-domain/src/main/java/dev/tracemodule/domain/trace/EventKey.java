package dev.tracemodule.domain.trace;

import java.util.Objects;

/** What names an event within a tenant: its trace and its id together. */
public record EventKey(TraceId traceId, EventId eventId) {

  public EventKey {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(eventId, "eventId");
  }

  public static EventKey of(Event event) {
    return new EventKey(event.traceId(), event.id());
  }
}
