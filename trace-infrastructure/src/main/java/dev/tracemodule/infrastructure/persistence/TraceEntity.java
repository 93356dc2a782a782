package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code trace}. */
@Entity
@Table(name = "trace")
@IdClass(TraceEntity.Key.class)
public class TraceEntity {

  @Id
  @Column(name = "tenant_id")
  private String tenantId;

  @Id private UUID id;

  @Column(name = "context_id", nullable = false)
  private String contextId;

  @Column(name = "execution_id")
  private String executionId;

  @Convert(converter = WireEnumConverter.TraceTypeConverter.class)
  @Column(nullable = false)
  private TraceType type;

  @Column(nullable = false)
  private String name;

  private String description;

  @Convert(converter = WireEnumConverter.TraceStatusConverter.class)
  @Column(nullable = false)
  private TraceStatus status;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private Map<String, Object> metadata;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false)
  private String[] tags;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  /** Kept beside completedAt so listings can sort by it. */
  @Column(name = "duration_ms")
  private Double durationMs;

  @Column(name = "failure_reason")
  private String failureReason;

  @Column(name = "otel_trace_id")
  private String otelTraceId;

  @Column(name = "otel_span_id")
  private String otelSpanId;

  public String getTenantId() {
    return tenantId;
  }

  public void setTenantId(String tenantId) {
    this.tenantId = tenantId;
  }

  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  public String getContextId() {
    return contextId;
  }

  public void setContextId(String contextId) {
    this.contextId = contextId;
  }

  public String getExecutionId() {
    return executionId;
  }

  public void setExecutionId(String executionId) {
    this.executionId = executionId;
  }

  public TraceType getType() {
    return type;
  }

  public void setType(TraceType type) {
    this.type = type;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public TraceStatus getStatus() {
    return status;
  }

  public void setStatus(TraceStatus status) {
    this.status = status;
  }

  public Map<String, Object> getMetadata() {
    return metadata;
  }

  public void setMetadata(Map<String, Object> metadata) {
    this.metadata = metadata;
  }

  public String[] getTags() {
    return tags;
  }

  public void setTags(String[] tags) {
    this.tags = tags;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(Instant completedAt) {
    this.completedAt = completedAt;
  }

  public Double getDurationMs() {
    return durationMs;
  }

  public void setDurationMs(Double durationMs) {
    this.durationMs = durationMs;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public void setFailureReason(String failureReason) {
    this.failureReason = failureReason;
  }

  public String getOtelTraceId() {
    return otelTraceId;
  }

  public void setOtelTraceId(String otelTraceId) {
    this.otelTraceId = otelTraceId;
  }

  public String getOtelSpanId() {
    return otelSpanId;
  }

  public void setOtelSpanId(String otelSpanId) {
    this.otelSpanId = otelSpanId;
  }

  /** The primary key; JPA needs a mutable class here. */
  public static class Key implements Serializable {
    private String tenantId;
    private UUID id;

    public Key() {}

    public Key(String tenantId, UUID id) {
      this.tenantId = tenantId;
      this.id = id;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(tenantId, key.tenantId) && Objects.equals(id, key.id);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, id);
    }
  }
}
