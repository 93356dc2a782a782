package dev.tracemodule.application.metrics;

import dev.tracemodule.api.TimeRange;
import dev.tracemodule.domain.shared.InvalidValueException;
import java.time.Duration;
import java.time.Instant;

/** Checks of a time range asked for, naming {@code from} and {@code to} as the API does. */
final class Ranges {

  static final Duration LONGEST = Duration.ofDays(400);

  private Ranges() {}

  /** The range, or the {@code length} of time up to {@code now} when it is null. */
  static TimeRange orLast(TimeRange range, Duration length, Instant now) {
    TimeRange checked = range == null ? TimeRange.last(length, now) : range;
    Instant from = checked.from() == null ? (checked.to() == null ? now : checked.to()).minus(length) : checked.from();
    Instant to = checked.to() == null ? (checked.from() == null ? now : from.plus(length)) : checked.to();
    if (!from.isBefore(to)) {
      throw new InvalidValueException("to", "must be after from");
    }
    if (Duration.between(from, to).compareTo(LONGEST) > 0) {
      throw new InvalidValueException("from", "the range may span at most " + LONGEST.toDays() + " days");
    }
    return new TimeRange(from, to);
  }
}
