package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.AppliedChange;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.TwinRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** A page of an object's history, each change with its fields before and after. */
@ApplicationScoped
public class GetTwinHistoryHandler {

  private TwinRepository twins;
  private Timelines timelines;

  protected GetTwinHistoryHandler() {}

  @Inject
  public GetTwinHistoryHandler(TwinRepository twins, Timelines timelines) {
    this.twins = twins;
    this.timelines = timelines;
  }

  /** The page, and the object's revision now. */
  public record Page(List<AppliedChange> changes, long revision) {}

  @Transactional
  public Page handle(TenantId tenant, ObjectId id, long fromRevision, int limit) {
    ObjectTwin current = twins.find(tenant, id).filter(twin -> !twin.isNew()).orElseThrow(() -> TwinNotFound.object(id));
    return new Page(timelines.of(tenant).history(tenant, id, fromRevision, limit), current.revision());
  }
}
