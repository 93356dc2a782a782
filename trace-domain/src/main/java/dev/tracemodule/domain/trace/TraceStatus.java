package dev.tracemodule.domain.trace;

import java.util.Locale;

/** Where a trace is in its life: {@code ACTIVE} until it ends in one of the final states. */
public enum TraceStatus {
  ACTIVE,
  COMPLETED,
  FAILED,
  CANCELLED,
  EXPIRED;

  public boolean isFinal() {
    return this != ACTIVE;
  }

  /** Only an active trace moves, and only to a final state. */
  public boolean canMoveTo(TraceStatus next) {
    return this == ACTIVE && next.isFinal();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
