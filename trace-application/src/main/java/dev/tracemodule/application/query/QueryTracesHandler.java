package dev.tracemodule.application.query;

import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.TraceQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
public class QueryTracesHandler {

  private TraceQueries queries;

  protected QueryTracesHandler() {}

  @Inject
  public QueryTracesHandler(TraceQueries queries) {
    this.queries = queries;
  }

  // One transaction, so that the listing and the aggregation see the same traces.
  @Transactional
  public TracesFound handle(QueryTraces query) {
    List<AggregateRow> aggregates =
        query.aggregation() == null ? List.of() : queries.aggregate(query.filter(), query.aggregation());
    return new TracesFound(query.list(), queries.list(query.filter(), query.list()), aggregates);
  }
}
