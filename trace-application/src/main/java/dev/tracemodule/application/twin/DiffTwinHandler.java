package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.TwinTimeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** An object at two instants; the object had to exist at the later one at least. */
@ApplicationScoped
public class DiffTwinHandler {

  private Timelines timelines;

  protected DiffTwinHandler() {}

  @Inject
  public DiffTwinHandler(Timelines timelines) {
    this.timelines = timelines;
  }

  /** @param from empty when the object had no state yet then */
  public record States(Optional<ObjectTwin> from, ObjectTwin to) {}

  @Transactional
  public States handle(TenantId tenant, ObjectId id, Instant from, Instant to) {
    TwinTimeline timeline = timelines.of(tenant);
    ObjectTwin later = timeline.at(tenant, id, to).orElseThrow(() -> TwinNotFound.objectAt(id, to));
    return new States(timeline.at(tenant, id, from), later);
  }
}
