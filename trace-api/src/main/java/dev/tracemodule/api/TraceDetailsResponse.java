package dev.tracemodule.api;

import java.util.List;

/** A trace with all its events, in the order they happened, and their summary. */
public record TraceDetailsResponse(
    TraceResponse trace, List<EventResponse> events, TraceSummaryResponse summary) {}
