package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The state of a {@link Trace} at one moment, for reading, mapping and storing. The aggregate
 * changes; a snapshot never does.
 */
public record TraceSnapshot(
    TenantId tenantId,
    TraceId id,
    String contextId,
    String executionId,
    TraceType type,
    String name,
    String description,
    JsonMap metadata,
    List<String> tags,
    TraceStatus status,
    Instant startedAt,
    Instant completedAt,
    String failureReason,
    String otelTraceId,
    String otelSpanId) {

  /** A trace outside any OpenTelemetry trace. */
  public TraceSnapshot(TenantId tenantId, TraceId id, String contextId, String executionId, TraceType type, String name,
      String description, JsonMap metadata, List<String> tags, TraceStatus status, Instant startedAt,
      Instant completedAt, String failureReason) {
    this(tenantId, id, contextId, executionId, type, name, description, metadata, tags, status, startedAt,
        completedAt, failureReason, null, null);
  }
}
