package dev.tracemodule.api.twin;

import java.util.List;

/**
 * A page of an object's history, oldest first.
 *
 * @param nextRevision the revision to ask for next, or null at the end
 */
public record TwinHistoryResponse(String objectId, long revision, List<TwinChangeResponse> changes,
    Long nextRevision) {}
