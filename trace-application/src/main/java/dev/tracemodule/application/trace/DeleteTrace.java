package dev.tracemodule.application.trace;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.TraceId;

public record DeleteTrace(TenantId tenantId, TraceId traceId) {}
