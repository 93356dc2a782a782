package dev.tracemodule.domain.testing;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.PageRequest;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceCriteria;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TracePage;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.trace.TraceSort;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reference implementation of {@link TraceRepository} for handler tests. It stores copies, so a
 * handler that changes a trace and forgets to store it is caught.
 */
public final class InMemoryTraceRepository implements TraceRepository {

  private final Map<Key, Trace> traces = new ConcurrentHashMap<>();
  private final InMemoryEventRepository events;

  public InMemoryTraceRepository(InMemoryEventRepository events) {
    this.events = events;
  }

  @Override
  public Optional<Trace> findById(TenantId tenantId, TraceId id) {
    return Optional.ofNullable(traces.get(new Key(tenantId, id))).map(InMemoryTraceRepository::copy);
  }

  @Override
  public List<Trace> findAll(TenantId tenantId, Collection<TraceId> ids) {
    return ids.stream().distinct().map(id -> findById(tenantId, id)).flatMap(Optional::stream).toList();
  }

  @Override
  public Optional<Trace> lock(TenantId tenantId, TraceId id, Lock lock) {
    return findById(tenantId, id);
  }

  @Override
  public List<Trace> lockAll(TenantId tenantId, Collection<TraceId> ids, Lock lock) {
    return ids.stream()
        .distinct()
        .sorted(Comparator.comparing(TraceId::value))
        .flatMap(id -> findById(tenantId, id).stream())
        .toList();
  }

  @Override
  public void store(Trace trace) {
    traces.put(new Key(trace.tenantId(), trace.id()), copy(trace));
  }

  @Override
  public boolean remove(TenantId tenantId, TraceId id) {
    events.removeTrace(tenantId, id);
    return traces.remove(new Key(tenantId, id)) != null;
  }

  @Override
  public TracePage find(TraceCriteria criteria, PageRequest page) {
    List<Trace> matching =
        traces.values().stream()
            .filter(t -> t.tenantId().equals(criteria.tenantId()))
            .filter(t -> criteria.contextId() == null || criteria.contextId().equals(t.contextId()))
            .filter(t -> criteria.types().isEmpty() || criteria.types().contains(t.type()))
            .filter(t -> criteria.statuses().isEmpty() || criteria.statuses().contains(t.status()))
            .filter(t -> criteria.startedFrom() == null || !t.startedAt().isBefore(criteria.startedFrom()))
            .filter(t -> criteria.startedTo() == null || t.startedAt().isBefore(criteria.startedTo()))
            .filter(t -> t.tags().containsAll(criteria.tags()))
            .filter(
                t ->
                    criteria.hasErrors() == null
                        || criteria.hasErrors() == events.hasErrors(t.tenantId(), t.id()))
            .sorted(order(criteria.sort()))
            .toList();
    List<Trace> pageOfTraces =
        matching.stream()
            .skip(page.offset())
            .limit(page.size())
            .map(InMemoryTraceRepository::copy)
            .toList();
    return new TracePage(pageOfTraces, page, matching.size());
  }

  private static Comparator<Trace> order(TraceSort sort) {
    Comparator<Trace> byField =
        switch (sort.field()) {
          case STARTED_AT -> nullsLast(Trace::startedAt, sort.descending());
          case COMPLETED_AT -> nullsLast(Trace::completedAt, sort.descending());
          case DURATION -> nullsLast(t -> t.durationMs().orElse(null), sort.descending());
          case NAME -> nullsLast(Trace::name, sort.descending());
          case TYPE -> nullsLast(t -> t.type().name(), sort.descending());
          case STATUS -> nullsLast(t -> t.status().name(), sort.descending());
        };
    Comparator<Trace> byId = Comparator.comparing(t -> t.id().value());
    return byField.thenComparing(sort.descending() ? byId.reversed() : byId);
  }

  private static <T extends Comparable<? super T>> Comparator<Trace> nullsLast(
      Function<Trace, T> key, boolean descending) {
    Comparator<T> natural = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
    return Comparator.comparing(key, Comparator.nullsLast(natural));
  }

  private static Trace copy(Trace trace) {
    return Trace.restore(trace.snapshot());
  }

  private record Key(TenantId tenantId, TraceId id) {}
}
