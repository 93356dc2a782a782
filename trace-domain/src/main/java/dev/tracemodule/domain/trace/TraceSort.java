package dev.tracemodule.domain.trace;

import java.util.Objects;

/** Order of a trace listing; ties are broken by id in the same direction. */
public record TraceSort(Field field, boolean descending) {

  public static final TraceSort NEWEST_FIRST = new TraceSort(Field.STARTED_AT, true);

  public TraceSort {
    Objects.requireNonNull(field, "field");
  }

  public enum Field {
    STARTED_AT,
    COMPLETED_AT,
    DURATION,
    NAME,
    TYPE,
    STATUS
  }
}
