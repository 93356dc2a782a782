package dev.tracemodule.application.recorder;

import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.domain.shared.TenantId;
import java.util.UUID;

/**
 * An event waiting to be written. Its id and timestamp are fixed when it is recorded, so a
 * retried write stores it once and at the time it happened.
 */
public record QueuedEvent(TenantId tenantId, UUID traceId, RecordEventRequest event) {}
