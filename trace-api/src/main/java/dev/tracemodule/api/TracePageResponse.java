package dev.tracemodule.api;

import java.util.List;

/** One page of traces; {@code page} counts from 0. */
public record TracePageResponse(
    List<TraceResponse> items, int page, int size, long totalItems, long totalPages) {}
