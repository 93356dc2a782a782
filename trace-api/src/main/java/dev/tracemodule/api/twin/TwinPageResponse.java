package dev.tracemodule.api.twin;

import java.util.List;

/**
 * A page of objects found by their current state, by id.
 *
 * @param nextCursor the cursor of the next page, or null at the end
 */
public record TwinPageResponse(List<TwinStateResponse> items, String nextCursor) {}
