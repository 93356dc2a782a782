package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.trace.EventLevel;
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
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code event}, read through JPA; rows are written by {@link EventCopyWriter}. */
@Entity
@Immutable
@Table(name = "event")
@IdClass(EventEntity.Key.class)
public class EventEntity {

  @Id
  @Column(name = "tenant_id")
  private String tenantId;

  @Id
  @Column(name = "trace_id")
  private UUID traceId;

  @Id private UUID id;

  @Column(name = "parent_id")
  private UUID parentEventId;

  private String type;

  @Convert(converter = WireEnumConverter.EventLevelConverter.class)
  private EventLevel level;

  private String message;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> data;

  @Column(name = "occurred_at")
  private Instant timestamp;

  @Column(name = "duration_ms")
  private Double durationMs;

  @Column(name = "object_id")
  private String objectId;

  /** Assigned by the database; orders events of the same instant as they were recorded. */
  @Column(insertable = false, updatable = false)
  private Long seq;

  public String getTenantId() {
    return tenantId;
  }

  public UUID getTraceId() {
    return traceId;
  }

  public UUID getId() {
    return id;
  }

  public UUID getParentEventId() {
    return parentEventId;
  }

  public String getType() {
    return type;
  }

  public EventLevel getLevel() {
    return level;
  }

  public String getMessage() {
    return message;
  }

  public Map<String, Object> getData() {
    return data;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public Double getDurationMs() {
    return durationMs;
  }

  public String getObjectId() {
    return objectId;
  }

  /** The primary key; JPA needs a mutable class here. */
  public static class Key implements Serializable {
    private String tenantId;
    private UUID traceId;
    private UUID id;

    public Key() {}

    public Key(String tenantId, UUID traceId, UUID id) {
      this.tenantId = tenantId;
      this.traceId = traceId;
      this.id = id;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(tenantId, key.tenantId) && Objects.equals(traceId, key.traceId) && Objects.equals(id, key.id);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, traceId, id);
    }
  }
}
