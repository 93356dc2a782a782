package dev.tracemodule.api;

import java.util.List;
import java.util.Map;

/**
 * Starts a trace.
 *
 * @param contextId what the trace belongs to (a session, a cart, a workflow); required, at most 255
 *     characters
 * @param executionId the run of that context, when there are several; at most 255 characters
 * @param type required
 * @param name required, at most 255 characters
 * @param description at most 4,000 characters
 * @param metadata any JSON object
 * @param tags labels to filter by: at most 64, each 1 to 100 characters; duplicates are dropped
 * @param otelTraceId the OpenTelemetry trace (32 hex digits) the trace belongs to. By default the
 *     current one: the W3C {@code traceparent} of the REST request that creates it, or the current
 *     span where the service is called in-process with MicroProfile Telemetry on
 * @param otelSpanId the caller's span (16 hex digits); by default the same way
 */
public record CreateTraceRequest(
    String contextId,
    String executionId,
    TraceType type,
    String name,
    String description,
    Map<String, Object> metadata,
    List<String> tags,
    String otelTraceId,
    String otelSpanId) {

  /** A trace outside any OpenTelemetry trace, or in the one current where it is created. */
  public CreateTraceRequest(String contextId, String executionId, TraceType type, String name, String description,
      Map<String, Object> metadata, List<String> tags) {
    this(contextId, executionId, type, name, description, metadata, tags, null, null);
  }
}
