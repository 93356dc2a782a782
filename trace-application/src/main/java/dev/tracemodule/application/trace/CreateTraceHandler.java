package dev.tracemodule.application.trace;

import dev.tracemodule.application.metrics.TraceActivity;
import jakarta.enterprise.event.Event;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

@ApplicationScoped
public class CreateTraceHandler {

  private TraceRepository traces;
  private Clock clock;
  private Event<TraceActivity> activity;

  protected CreateTraceHandler() {}

  @Inject
  public CreateTraceHandler(TraceRepository traces, Clock clock, Event<TraceActivity> activity) {
    this.traces = traces;
    this.clock = clock;
    this.activity = activity;
  }

  @Transactional
  public Trace handle(CreateTrace command) {
    Trace trace = Trace.start(command.tenantId(), TraceId.next(clock), command.what(), clock.instant());
    traces.store(trace);
    activity.fire(new TraceActivity.TraceStarted(trace.type()));
    return trace;
  }
}
