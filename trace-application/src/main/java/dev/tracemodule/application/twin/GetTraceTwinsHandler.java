package dev.tracemodule.application.twin;

import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinTimeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a trace changed, in the order it first changed them: each as it was just before
 * the trace's first change of it and just after its last. Changes of other traces in between
 * show in "after" too: it is the object's state at that moment.
 */
@ApplicationScoped
public class GetTraceTwinsHandler {

  private TraceRepository traces;
  private TwinRepository twins;
  private Timelines timelines;

  protected GetTraceTwinsHandler() {}

  @Inject
  public GetTraceTwinsHandler(TraceRepository traces, TwinRepository twins, Timelines timelines) {
    this.traces = traces;
    this.twins = twins;
    this.timelines = timelines;
  }

  /** @param before empty when the trace created the object */
  public record ChangedObject(ObjectId objectId, Optional<ObjectTwin> before, ObjectTwin after,
      List<StateChange> changes) {}

  @Transactional
  public List<ChangedObject> handle(TenantId tenant, TraceId traceId) {
    if (traces.findById(tenant, traceId).isEmpty()) {
      throw new TraceNotFoundException(traceId.value());
    }
    Map<ObjectId, List<StateChange>> byObject = new LinkedHashMap<>();
    for (StateChange change : twins.changesOfTrace(tenant, traceId)) {
      byObject.computeIfAbsent(change.objectId(), id -> new ArrayList<>()).add(change);
    }
    TwinTimeline timeline = timelines.of(tenant);
    List<ChangedObject> changed = new ArrayList<>();
    byObject.forEach((id, changes) -> changed.add(new ChangedObject(id,
        timeline.before(tenant, id, changes.get(0).position()),
        timeline.through(tenant, id, changes.get(changes.size() - 1).position()).orElseThrow(),
        List.copyOf(changes))));
    return changed;
  }
}
