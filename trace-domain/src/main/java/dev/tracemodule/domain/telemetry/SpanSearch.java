package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.trace.Event;
import java.util.List;

/** Finds the events that spans became, across traces. */
public interface SpanSearch {

  /** Span events matching {@code criteria}, newest first, at most {@code criteria.limit()}. */
  List<Event> find(SpanCriteria criteria);
}
