package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

public record TraceId(UUID value) {

  public TraceId {
    Objects.requireNonNull(value, "trace id");
  }

  public static TraceId next(Clock clock) {
    return new TraceId(TimeOrderedIds.next(clock));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
