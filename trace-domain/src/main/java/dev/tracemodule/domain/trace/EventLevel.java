package dev.tracemodule.domain.trace;

import java.util.Locale;

/** Severity of an event, in increasing order. */
public enum EventLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR,
  CRITICAL;

  /** {@code ERROR} and {@code CRITICAL} count as errors. */
  public boolean isError() {
    return compareTo(ERROR) >= 0;
  }

  public boolean isAtLeast(EventLevel other) {
    return compareTo(other) >= 0;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
