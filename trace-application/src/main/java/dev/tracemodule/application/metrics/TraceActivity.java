package dev.tracemodule.application.metrics;

import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import java.util.Map;

/**
 * What a use case did, fired as a CDI event inside its transaction and counted once the
 * transaction commits (a rolled-back call counts nothing).
 */
public sealed interface TraceActivity {

  record TraceStarted(TraceType type) implements TraceActivity {}

  record EventsStored(Map<EventLevel, Integer> byLevel) implements TraceActivity {
    public EventsStored {
      byLevel = Map.copyOf(byLevel);
    }
  }

  record TraceEnded(TraceType type, TraceStatus status, double durationMs) implements TraceActivity {}
}
