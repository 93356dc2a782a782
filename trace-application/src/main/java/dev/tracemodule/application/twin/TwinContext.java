package dev.tracemodule.application.twin;

import dev.tracemodule.api.twin.TwinAnchor;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.ObjectId;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Scope;

/**
 * The anchored object of the current thread. The module keeps it on a stack of its own, which
 * nothing else can replace; an anchor made in code also puts it in OpenTelemetry baggage ({@code
 * trace.obj.id}, and {@code trace.obj.type} when known), where other instrumented code and
 * MicroProfile Telemetry's propagation (when its SDK is on) see it. Without an anchor of the
 * module's, baggage that came in with the request is read.
 */
public final class TwinContext {

  private record Anchored(String objectId, String type, Anchored outer) {}

  private static final ThreadLocal<Anchored> CURRENT = new ThreadLocal<>();

  private TwinContext() {}

  /** The innermost anchored object's id, or null. */
  public static String currentObjectId() {
    Anchored anchored = CURRENT.get();
    if (anchored != null) {
      return anchored.objectId();
    }
    String id = Baggage.current().getEntryValue(TwinAnchor.BAGGAGE_KEY);
    return id == null || id.isEmpty() ? null : id;
  }

  /** The innermost anchored object's type, or null when unknown. */
  public static String currentType() {
    Anchored anchored = CURRENT.get();
    if (anchored != null) {
      return anchored.type();
    }
    String type = Baggage.current().getEntryValue(TwinAnchor.TYPE_BAGGAGE_KEY);
    return type == null || type.isEmpty() ? null : type;
  }

  /** The innermost anchored object, or null (also when the id that came in is no valid object id). */
  public static ObjectId currentObject() {
    String id = currentObjectId();
    if (id == null) {
      return null;
    }
    try {
      return new ObjectId(id);
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /**
   * Makes the object current until the returned scope closes, here and in OpenTelemetry baggage;
   * {@code type} may be null. Close it on this thread, innermost first.
   */
  public static Scope enter(String objectId, String type) {
    Scope own = enterHere(objectId, type);
    BaggageBuilder baggage = Baggage.current().toBuilder().put(TwinAnchor.BAGGAGE_KEY, objectId);
    if (type == null) {
      baggage.remove(TwinAnchor.TYPE_BAGGAGE_KEY);
    } else {
      baggage.put(TwinAnchor.TYPE_BAGGAGE_KEY, type);
    }
    Scope inBaggage = baggage.build().makeCurrent();
    return () -> {
      inBaggage.close();
      own.close();
    };
  }

  /**
   * Makes the object current for the module only, leaving OpenTelemetry's context alone: for a
   * request filter, whose scope would otherwise nest across other filters' scopes.
   */
  public static Scope enterHere(String objectId, String type) {
    Anchored outer = CURRENT.get();
    Anchored mine = new Anchored(objectId, type, outer);
    CURRENT.set(mine);
    return () -> {
      if (CURRENT.get() == mine) {
        if (outer == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(outer);
        }
      }
    };
  }
}
