package dev.tracemodule.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Starts a trace.
 *
 * @param contextId what the trace belongs to (a session, a cart, a tenant's workflow); required
 * @param executionId the run of that context, when there are several
 * @param metadata any JSON object
 * @param tags labels to filter by; duplicates are dropped
 */
public record CreateTraceRequest(
    @NotBlank @Size(max = 255) String contextId,
    @Size(max = 255) String executionId,
    @NotNull TraceType type,
    @NotBlank @Size(max = 255) String name,
    @Size(max = 4000) String description,
    Map<String, Object> metadata,
    @Size(max = 64) List<@NotBlank @Size(max = 100) String> tags) {}
