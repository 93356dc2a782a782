package dev.tracemodule.application.trace;

import dev.tracemodule.domain.trace.TracePage;
import dev.tracemodule.domain.trace.TraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class FindTracesHandler {

  private TraceRepository traces;

  protected FindTracesHandler() {}

  @Inject
  public FindTracesHandler(TraceRepository traces) {
    this.traces = traces;
  }

  @Transactional
  public TracePage handle(FindTraces query) {
    return traces.find(query.criteria(), query.page());
  }
}
