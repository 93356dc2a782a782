package dev.tracemodule.api;

import java.time.Duration;
import java.time.Instant;

/** The instants {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

  /** The {@code length} of time up to {@code now}. */
  public static TimeRange last(Duration length, Instant now) {
    return new TimeRange(now.minus(length), now);
  }
}
