package dev.tracemodule.application.trace;

import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.domain.trace.EventNode;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
public class GetEventTreeHandler {

  private TraceRepository traces;
  private EventRepository events;

  protected GetEventTreeHandler() {}

  @Inject
  public GetEventTreeHandler(TraceRepository traces, EventRepository events) {
    this.traces = traces;
    this.events = events;
  }

  @Transactional
  public List<EventNode> handle(GetEventTree query) {
    if (traces.findById(query.tenantId(), query.traceId()).isEmpty()) {
      throw new TraceNotFoundException(query.traceId().value());
    }
    return events.findByTrace(query.tenantId(), query.traceId()).tree();
  }
}
