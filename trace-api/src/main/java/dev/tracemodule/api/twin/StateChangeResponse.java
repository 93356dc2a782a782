package dev.tracemodule.api.twin;

import java.util.UUID;

/**
 * A recorded change and the object's current state after it (a change back-filled in the past
 * leaves later changes in place, so the current state shows only what they left of it).
 *
 * @param alreadyRecorded true when a change with this id was recorded before: nothing was written
 */
public record StateChangeResponse(UUID changeId, boolean alreadyRecorded, TwinStateResponse twin) {}
