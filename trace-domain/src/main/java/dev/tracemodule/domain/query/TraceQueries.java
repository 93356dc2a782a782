package dev.tracemodule.domain.query;

import java.util.List;

/**
 * Questions asked of many traces at once, answered by the database: filtered listings and
 * aggregations. Every answer is scoped by the filter's tenant.
 */
public interface TraceQueries {

  TraceSlice list(TraceFilter filter, TraceListRequest request);

  /** At most {@link Aggregation#MAX_ROWS} rows, ordered by their group keys. */
  List<AggregateRow> aggregate(TraceFilter filter, Aggregation aggregation);

  /** The most frequent error patterns among the events of the filtered traces, most frequent first. */
  List<ErrorPattern> topErrors(TraceFilter filter, int limit);
}
