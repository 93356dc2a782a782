package dev.tracemodule.domain.testing;

import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceRepository;
import java.util.function.Supplier;

class InMemoryTraceRepositoryTest extends TraceRepositoryContract {

  private final InMemoryEventRepository events = new InMemoryEventRepository();
  private final InMemoryTraceRepository traces = new InMemoryTraceRepository(events);

  @Override
  protected TraceRepository traces() {
    return traces;
  }

  @Override
  protected EventRepository events() {
    return events;
  }

  @Override
  protected <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }
}
