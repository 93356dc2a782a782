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
 */
public record CreateTraceRequest(
    String contextId,
    String executionId,
    TraceType type,
    String name,
    String description,
    Map<String, Object> metadata,
    List<String> tags) {}
