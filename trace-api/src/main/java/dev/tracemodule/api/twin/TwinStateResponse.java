package dev.tracemodule.api.twin;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An object's state, now or at an instant.
 *
 * @param at the instant asked for, or null for the current state
 * @param revision how many changes made this state
 * @param lastChangeAt when the last of them happened
 * @param lastChangeId the last change, which is also its event's id in its trace
 * @param lastTraceId the trace that made the last change, or null
 */
public record TwinStateResponse(String objectId, String type, int typeVersion, Map<String, Object> state,
    long revision, Instant at, Instant lastChangeAt, UUID lastChangeId, UUID lastTraceId) {}
