package dev.tracemodule.application.trace;

import dev.tracemodule.domain.trace.Event;
import java.util.List;

/**
 * The events a command stored, those an earlier attempt had stored already, and (only when the
 * command allows it) those it could not record.
 */
public record EventsRecorded(List<Event> recorded, List<Event> alreadyRecorded, List<Rejection> rejected) {

  public EventsRecorded {
    recorded = List.copyOf(recorded);
    alreadyRecorded = List.copyOf(alreadyRecorded);
    rejected = List.copyOf(rejected);
  }

  /** The {@code index}th event of the command, and why it was not recorded. */
  public record Rejection(int index, String reason) {}
}
