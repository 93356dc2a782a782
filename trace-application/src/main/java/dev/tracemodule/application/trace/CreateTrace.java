package dev.tracemodule.application.trace;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.NewTrace;

public record CreateTrace(TenantId tenantId, NewTrace what) {}
