package dev.tracemodule.application.trace;

import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class DeleteTraceHandler {

  private TraceRepository traces;

  protected DeleteTraceHandler() {}

  @Inject
  public DeleteTraceHandler(TraceRepository traces) {
    this.traces = traces;
  }

  @Transactional
  public void handle(DeleteTrace command) {
    if (!traces.remove(command.tenantId(), command.traceId())) {
      throw new TraceNotFoundException(command.traceId().value());
    }
  }
}
