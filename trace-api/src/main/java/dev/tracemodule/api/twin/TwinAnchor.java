package dev.tracemodule.api.twin;

import java.util.Map;
import java.util.UUID;

/**
 * An object made current for the calls inside it: every event recorded inside it, in nested
 * calls too, carries the object's id, and outgoing REST calls carry it in the W3C {@code
 * baggage} header (key {@code trace.obj.id}). Anchors nest: the inner one wins, and closing it
 * restores the outer. Close it on the thread that opened it, in try-with-resources.
 */
public interface TwinAnchor extends AutoCloseable {

  String BAGGAGE_KEY = "trace.obj.id";
  String TYPE_BAGGAGE_KEY = "trace.obj.type";

  String objectId();

  /** The object's type name, or null when the anchor came in from another service without one. */
  String type();

  /** Records a change of the anchored object, now and outside any trace. */
  StateChangeResponse recordChange(Map<String, Object> changes);

  /** Records a change of the anchored object made by {@code traceId} (may be null) and its event. */
  StateChangeResponse recordChange(Map<String, Object> changes, UUID traceId, UUID eventId);

  @Override
  void close();
}
