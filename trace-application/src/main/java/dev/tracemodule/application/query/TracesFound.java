package dev.tracemodule.application.query;

import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.TraceListRequest;
import dev.tracemodule.domain.query.TraceSlice;
import java.util.List;

/** The answer to {@link QueryTraces}: the slice listed, as asked, and the aggregation's rows. */
public record TracesFound(TraceListRequest asked, TraceSlice slice, List<AggregateRow> aggregates) {

  public TracesFound {
    aggregates = List.copyOf(aggregates);
  }
}
