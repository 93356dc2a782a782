package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.twin.TwinTypeName;
import java.time.Instant;
import java.util.Map;

/**
 * A change to record.
 *
 * @param type null: the object's own type (it must exist)
 * @param id null: a new id
 * @param occurredAt null: now
 */
public record RecordStateChange(TenantId tenantId, ObjectId objectId, TwinTypeName type, Map<String, Object> changes,
    EventId id, Instant occurredAt, TraceId traceId, EventId callEventId, String spanId) {}
