package dev.tracemodule.api.twin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An object a trace changed: its state just before the trace's first change of it and just after
 * the last, and the changes.
 */
public record TraceTwinResponse(String objectId, String type, Map<String, Object> before,
    Map<String, Object> after, List<UUID> changeIds) {}
