package dev.tracemodule.application.twin;

import dev.tracemodule.api.twin.StateChangeRequest;
import dev.tracemodule.api.twin.StateChangeResponse;
import dev.tracemodule.api.twin.TwinAnchor;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.UUID;

/** An anchor: the object is current in this thread's context from creation until {@link #close()}. */
final class DefaultTwinAnchor implements TwinAnchor {

  private final String objectId;
  private final String type;
  private final TwinUseCases twins;
  private final Scope scope;
  private boolean closed;

  DefaultTwinAnchor(String objectId, String type, TwinUseCases twins) {
    this.objectId = objectId;
    this.type = type;
    this.twins = twins;
    this.scope = TwinContext.enter(objectId, type);
  }

  @Override
  public String objectId() {
    return objectId;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public StateChangeResponse recordChange(Map<String, Object> changes) {
    return recordChange(changes, null, null);
  }

  @Override
  public StateChangeResponse recordChange(Map<String, Object> changes, UUID traceId, UUID eventId) {
    return twins.recordChange(objectId, new StateChangeRequest(null, type, changes, traceId, null, eventId, null));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      scope.close();
    }
  }

  @Override
  public String toString() {
    return "anchor of " + objectId + (type == null ? "" : " (" + type + ")");
  }
}
