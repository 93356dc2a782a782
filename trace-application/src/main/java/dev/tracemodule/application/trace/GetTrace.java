package dev.tracemodule.application.trace;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.TraceId;

public record GetTrace(TenantId tenantId, TraceId traceId) {}
