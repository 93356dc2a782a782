package dev.tracemodule.application.trace;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.TraceId;
import java.util.List;

/** Events to record, in one trace or in several, and how the caller sent them. */
public record RecordEvents(TenantId tenantId, List<TracedEvent> events, Shape shape) {

  public RecordEvents {
    events = List.copyOf(events);
  }

  /** Events of the one trace the caller named apart from them (in a URL path, say). */
  public static RecordEvents ofTrace(TenantId tenantId, TraceId traceId, List<NewEvent> events, Shape shape) {
    return new RecordEvents(tenantId, events.stream().map(e -> new TracedEvent(traceId, e)).toList(), shape);
  }

  /** An event and the trace it belongs to. */
  public record TracedEvent(TraceId traceId, NewEvent event) {}

  public enum Shape {
    /** One event; errors name its fields ({@code type}); an unknown trace is not found. */
    ONE,
    /** A list for one trace, all or nothing; errors name the item ({@code events[3].type}). */
    BATCH_OF_ONE_TRACE,
    /** A list whose items name their traces, all or nothing; an unknown trace is invalid input. */
    BATCH_OF_TRACES,
    /**
     * Events from the in-process recorder, which nobody is waiting on to hear of an error: an
     * event that cannot be recorded is rejected alone and the others are stored.
     */
    RECORDED_IN_PROCESS;

    boolean allOrNothing() {
      return this != RECORDED_IN_PROCESS;
    }

    /** Where the fields of the {@code index}th event are, as the caller wrote them. */
    String prefix(int index) {
      return this == ONE ? "" : "events[" + index + "].";
    }
  }
}
