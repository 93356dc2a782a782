package dev.tracemodule.application.metrics;

import dev.tracemodule.api.MetricType;
import dev.tracemodule.api.MetricsResponse;
import dev.tracemodule.api.TimeRange;
import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.Measure;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.query.TraceQueries;
import dev.tracemodule.domain.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Request count, response times, error rate, active traces and event rate, from the database. */
@ApplicationScoped
public class GetMetricsHandler {

  static final Duration DEFAULT_RANGE = Duration.ofHours(1);

  private TraceQueries queries;
  private ActiveTraces activeTraces;
  private SystemMetricsReader system;
  private Clock clock;

  protected GetMetricsHandler() {}

  @Inject
  public GetMetricsHandler(TraceQueries queries, ActiveTraces activeTraces, SystemMetricsReader system, Clock clock) {
    this.queries = queries;
    this.activeTraces = activeTraces;
    this.system = system;
    this.clock = clock;
  }

  @Transactional
  public MetricsResponse handle(TenantId tenant, TimeRange asked, Set<MetricType> types) {
    TimeRange range = Ranges.orLast(asked, DEFAULT_RANGE, clock.instant());
    Set<MetricType> wanted = types == null || types.isEmpty() ? EnumSet.allOf(MetricType.class) : types;
    TraceFilter started = TraceFilter.all(tenant).startedBetween(range.from(), range.to());

    Set<Measure> measures = EnumSet.of(Measure.COUNT);
    if (wanted.contains(MetricType.RESPONSE_TIME)) {
      measures.addAll(EnumSet.of(Measure.AVG_DURATION, Measure.P50_DURATION, Measure.P95_DURATION,
          Measure.P99_DURATION, Measure.MAX_DURATION));
    }
    if (wanted.contains(MetricType.ERROR_RATE)) {
      measures.add(Measure.ERROR_RATE);
    }
    if (wanted.contains(MetricType.EVENT_RATE)) {
      measures.add(Measure.EVENTS_BY_LEVEL);
    }
    AggregateRow all = queries.aggregate(started, new Aggregation(List.of(), measures)).get(0);

    Long active = wanted.contains(MetricType.ACTIVE_TRACES) ? activeTraces.count(tenant) : null;
    Double eventsPerSecond = null;
    if (wanted.contains(MetricType.EVENT_RATE)) {
      long events = all.eventsByLevel().values().stream().mapToLong(Long::longValue).sum();
      eventsPerSecond = events / (Duration.between(range.from(), range.to()).toMillis() / 1000.0);
    }
    return new MetricsResponse(
        range.from(),
        range.to(),
        wanted.contains(MetricType.REQUEST_COUNT) ? all.count() : null,
        wanted.contains(MetricType.RESPONSE_TIME)
            ? new MetricsResponse.ResponseTimes(all.avgDurationMs(), all.p50DurationMs(), all.p95DurationMs(),
                all.p99DurationMs(), all.maxDurationMs())
            : null,
        wanted.contains(MetricType.ERROR_RATE) ? all.errorRate() : null,
        active,
        eventsPerSecond,
        wanted.contains(MetricType.SYSTEM) ? system.read() : null);
  }
}
