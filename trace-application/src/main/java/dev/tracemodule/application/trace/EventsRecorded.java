package dev.tracemodule.application.trace;

import dev.tracemodule.domain.trace.Event;
import java.util.List;

/** The events a command stored, and those an earlier attempt had stored already. */
public record EventsRecorded(List<Event> recorded, List<Event> alreadyRecorded) {

  public EventsRecorded {
    recorded = List.copyOf(recorded);
    alreadyRecorded = List.copyOf(alreadyRecorded);
  }
}
