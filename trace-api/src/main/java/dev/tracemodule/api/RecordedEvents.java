package dev.tracemodule.api;

import java.util.List;
import java.util.UUID;

/**
 * What a batch did: the events it stored now, and the ids of those that were stored already by
 * an earlier attempt (a retry stores nothing twice).
 */
public record RecordedEvents(List<EventResponse> recorded, List<UUID> alreadyRecorded) {

  public RecordedEvents {
    recorded = List.copyOf(recorded);
    alreadyRecorded = List.copyOf(alreadyRecorded);
  }

  /** How many events this call stored. */
  public int accepted() {
    return recorded.size();
  }
}
