package dev.tracemodule.application.trace;

import dev.tracemodule.application.metrics.TraceActivity;
import jakarta.enterprise.event.Event;
import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Completes, fails or cancels a trace; the row is locked so two callers cannot both end it. */
@ApplicationScoped
public class CloseTraceHandler {

  private TraceRepository traces;
  private Clock clock;
  private Event<TraceActivity> activity;

  protected CloseTraceHandler() {}

  @Inject
  public CloseTraceHandler(TraceRepository traces, Clock clock, Event<TraceActivity> activity) {
    this.traces = traces;
    this.clock = clock;
    this.activity = activity;
  }

  @Transactional
  public Trace handle(CloseTrace command) {
    Trace trace =
        traces
            .lock(command.tenantId(), command.traceId(), TraceRepository.Lock.EXCLUSIVE)
            .orElseThrow(() -> new TraceNotFoundException(command.traceId().value()));
    command.closing().applyTo(trace, clock.instant());
    traces.store(trace);
    activity.fire(new TraceActivity.TraceEnded(trace.type(), trace.status(), trace.durationMs().orElse(0.0)));
    return trace;
  }
}
