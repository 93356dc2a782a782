package dev.tracemodule.application.metrics;

import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.query.TraceListRequest;
import dev.tracemodule.domain.query.TraceQueries;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.TraceSort;
import dev.tracemodule.domain.trace.TraceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * The number of active traces, from the database: the same on every instance, unlike a count
 * kept in memory. Counted through the partial index of active traces.
 */
@ApplicationScoped
public class ActiveTraces {

  private TraceQueries queries;

  protected ActiveTraces() {}

  @Inject
  public ActiveTraces(TraceQueries queries) {
    this.queries = queries;
  }

  @Transactional
  public long count(TenantId tenant) {
    TraceFilter active = TraceFilter.ofStatuses(tenant, Set.of(TraceStatus.ACTIVE));
    return queries.list(active, new TraceListRequest(0, 0, null, TraceSort.NEWEST_FIRST)).totalItems();
  }
}
