package dev.tracemodule.application.trace;

import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceEvents;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Reads a trace and its events in one transaction, so the summary matches the events shown. */
@ApplicationScoped
public class GetTraceHandler {

  private TraceRepository traces;
  private EventRepository events;
  private Clock clock;

  protected GetTraceHandler() {}

  @Inject
  public GetTraceHandler(TraceRepository traces, EventRepository events, Clock clock) {
    this.traces = traces;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public TraceDetails handle(GetTrace query) {
    Trace trace =
        traces
            .findById(query.tenantId(), query.traceId())
            .orElseThrow(() -> new TraceNotFoundException(query.traceId().value()));
    TraceEvents recorded = events.findByTrace(query.tenantId(), query.traceId());
    return new TraceDetails(trace, recorded, trace.summarize(recorded, clock.instant()));
  }
}
