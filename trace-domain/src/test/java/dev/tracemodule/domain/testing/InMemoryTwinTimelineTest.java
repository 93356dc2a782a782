package dev.tracemodule.domain.testing;

import dev.tracemodule.domain.twin.TwinRepository;
import java.util.function.Function;

class InMemoryTwinTimelineTest extends TwinTimelineContract {

  private final InMemoryTwinRepository repository = new InMemoryTwinRepository();

  @Override
  protected <T> T inTransaction(Function<TwinRepository, T> work) {
    return work.apply(repository);
  }

  @Override
  protected int histories() {
    return 300;
  }
}
