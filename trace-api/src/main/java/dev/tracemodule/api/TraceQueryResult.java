package dev.tracemodule.api;

import java.util.List;

/**
 * What a query found.
 *
 * @param page the page number asked for; null when the request continued a cursor
 * @param totalItems traces matching the filter; null when the request continued a cursor
 * @param nextCursor continues after the last item; null when there are no more, or when the
 *     traces are sorted in an order a cursor cannot follow
 * @param aggregations the aggregation's rows, ordered by their keys; empty when none was asked for
 */
public record TraceQueryResult(
    List<TraceResponse> items,
    Integer page,
    int size,
    Long totalItems,
    String nextCursor,
    List<AggregateRowResponse> aggregations) {}
