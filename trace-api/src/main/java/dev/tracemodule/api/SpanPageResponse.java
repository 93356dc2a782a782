package dev.tracemodule.api;

import java.util.List;

/** A page of spans, newest first; {@code nextCursor} is null on the last page. */
public record SpanPageResponse(List<SpanResponse> items, String nextCursor) {}
