package dev.tracemodule.application.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * The OpenTelemetry trace and span of whoever is calling, for a trace created now to belong to:
 * the W3C {@code traceparent} of the REST request being served (kept here by the web module),
 * else the current span where MicroProfile Telemetry has one.
 */
public final class CallerTrace {

  /** Ids in lower-case hex. */
  public record Ids(String traceId, String spanId) {}

  private static final ThreadLocal<Ids> FROM_REQUEST = new ThreadLocal<>();

  private CallerTrace() {}

  public static Ids current() {
    Ids fromRequest = FROM_REQUEST.get();
    if (fromRequest != null) {
      return fromRequest;
    }
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? new Ids(span.getTraceId(), span.getSpanId()) : null;
  }

  /** Makes the request's caller current until the scope closes. */
  public static Scope enter(String traceId, String spanId) {
    Ids outer = FROM_REQUEST.get();
    FROM_REQUEST.set(new Ids(traceId, spanId));
    return () -> {
      if (outer == null) {
        FROM_REQUEST.remove();
      } else {
        FROM_REQUEST.set(outer);
      }
    };
  }
}
