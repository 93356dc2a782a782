package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

public record EventId(UUID value) {

  public EventId {
    Objects.requireNonNull(value, "event id");
  }

  public static EventId next(Clock clock) {
    return new EventId(TimeOrderedIds.next(clock));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
