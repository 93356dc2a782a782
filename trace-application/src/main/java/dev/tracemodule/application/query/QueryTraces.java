package dev.tracemodule.application.query;

import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.query.TraceListRequest;
import java.util.Objects;

/** Lists the traces of a filter and, when {@code aggregation} is not null, aggregates them. */
public record QueryTraces(TraceFilter filter, Aggregation aggregation, TraceListRequest list) {

  public QueryTraces {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(list, "list");
  }
}
