package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.TwinRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** An object as it is now, or as it was at an instant: rebuilt from the snapshot before it. */
@ApplicationScoped
public class GetTwinHandler {

  private TwinRepository twins;
  private Timelines timelines;

  protected GetTwinHandler() {}

  @Inject
  public GetTwinHandler(TwinRepository twins, Timelines timelines) {
    this.twins = twins;
    this.timelines = timelines;
  }

  /** @param at null for now */
  @Transactional
  public ObjectTwin handle(TenantId tenant, ObjectId id, Instant at) {
    if (at == null) {
      return twins.find(tenant, id).filter(twin -> !twin.isNew()).orElseThrow(() -> TwinNotFound.object(id));
    }
    return timelines.of(tenant).at(tenant, id, at).orElseThrow(() -> twins.find(tenant, id).isPresent()
        ? TwinNotFound.objectAt(id, at) : TwinNotFound.object(id));
  }
}
