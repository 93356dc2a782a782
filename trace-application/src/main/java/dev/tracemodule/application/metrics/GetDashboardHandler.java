package dev.tracemodule.application.metrics;

import dev.tracemodule.api.DashboardMetric;
import dev.tracemodule.api.DashboardResponse;
import dev.tracemodule.api.DashboardResponse.ErrorGroup;
import dev.tracemodule.api.DashboardResponse.Point;
import dev.tracemodule.api.DashboardResponse.Summary;
import dev.tracemodule.api.DashboardResponse.Trend;
import dev.tracemodule.api.DashboardResponse.Trends;
import dev.tracemodule.api.TimeRange;
import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.Grouping;
import dev.tracemodule.domain.query.Measure;
import dev.tracemodule.domain.query.TimeBucket;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.query.TraceQueries;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summary, time series, top errors and trends over the traces started in a range, each figure
 * computed by the database.
 */
@ApplicationScoped
public class GetDashboardHandler {

  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  static final int TOP_ERRORS = 10;

  private TraceQueries queries;
  private Clock clock;

  protected GetDashboardHandler() {}

  @Inject
  public GetDashboardHandler(TraceQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  @Transactional
  public DashboardResponse handle(TenantId tenant, TimeRange asked, Set<DashboardMetric> metrics, String groupBy) {
    TimeRange range = Ranges.orLast(asked, DEFAULT_RANGE, clock.instant());
    TimeBucket bucket = bucket(groupBy);
    Set<DashboardMetric> wanted = metrics == null || metrics.isEmpty() ? EnumSet.allOf(DashboardMetric.class) : metrics;
    List<Instant> times = bucketStarts(range, bucket);

    Duration length = Duration.between(range.from(), range.to());
    Figures current = figures(startedIn(tenant, range.from(), range.to()));
    Figures previous = figures(startedIn(tenant, range.from().minus(length), range.from()));
    Summary summary = current.summary();
    Trends trends = new Trends(
        trend(current.total, previous.total),
        trend(current.successRate(), previous.successRate()),
        trend(current.averageDuration(), previous.averageDuration()),
        trend(current.errors, previous.errors));
    return new DashboardResponse(
        range.from(), range.to(), bucket.label(), summary,
        series(startedIn(tenant, range.from(), range.to()), bucket, times, wanted),
        queries.topErrors(startedIn(tenant, range.from(), range.to()), TOP_ERRORS).stream()
            .map(p -> new ErrorGroup(p.type(), p.message(), p.count(), p.example().value(), p.exampleMessage()))
            .toList(),
        trends);
  }

  private static TraceFilter startedIn(TenantId tenant, Instant from, Instant to) {
    return TraceFilter.all(tenant).startedBetween(from, to);
  }

  private static TimeBucket bucket(String groupBy) {
    if (groupBy == null || groupBy.isBlank()) {
      return TimeBucket.HOUR;
    }
    try {
      return TimeBucket.ofLabel(groupBy.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("groupBy", "must be one of 1m, 5m, 1h, 1d");
    }
  }

  /** The start of every bucket that overlaps the range, aligned on the epoch as the database does. */
  private static List<Instant> bucketStarts(TimeRange range, TimeBucket bucket) {
    long width = bucket.width().toMillis();
    long first = Math.floorDiv(range.from().toEpochMilli(), width) * width;
    long count = (range.to().toEpochMilli() - 1 - first) / width + 1;
    if (count > Aggregation.MAX_ROWS) {
      throw new InvalidValueException("groupBy", "makes " + count + " points over this range; at most "
          + Aggregation.MAX_ROWS + ": choose a wider bucket");
    }
    List<Instant> starts = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      starts.add(Instant.ofEpochMilli(first + i * width));
    }
    return starts;
  }

  private Map<DashboardMetric, List<Point>> series(
      TraceFilter filter, TimeBucket bucket, List<Instant> times, Set<DashboardMetric> wanted) {
    Set<Measure> measures = EnumSet.of(Measure.COUNT);
    for (DashboardMetric metric : wanted) {
      switch (metric) {
        case AVG_DURATION -> measures.add(Measure.AVG_DURATION);
        case P95_DURATION -> measures.add(Measure.P95_DURATION);
        case ERROR_RATE -> measures.add(Measure.ERROR_RATE);
        case EVENT_COUNT -> measures.add(Measure.EVENTS_BY_LEVEL);
        case TRACE_COUNT -> { }
      }
    }
    Map<Instant, AggregateRow> byTime = new HashMap<>();
    for (AggregateRow row : queries.aggregate(filter, new Aggregation(List.of(new Grouping.ByTime(bucket)), measures))) {
      byTime.put(Instant.parse(row.group().get("time")), row);
    }
    Map<DashboardMetric, List<Point>> series = new EnumMap<>(DashboardMetric.class);
    for (DashboardMetric metric : wanted) {
      List<Point> points = new ArrayList<>(times.size());
      for (Instant time : times) {
        AggregateRow row = byTime.get(time);
        points.add(new Point(time, value(metric, row)));
      }
      series.put(metric, points);
    }
    return series;
  }

  /** A bucket without traces counts 0 and has no duration or error rate. */
  private static Double value(DashboardMetric metric, AggregateRow row) {
    return switch (metric) {
      case TRACE_COUNT -> row == null ? 0.0 : (double) row.count();
      case AVG_DURATION -> row == null ? null : row.avgDurationMs();
      case P95_DURATION -> row == null ? null : row.p95DurationMs();
      case ERROR_RATE -> row == null ? null : row.errorRate();
      case EVENT_COUNT -> row == null ? 0.0 : (double) row.eventsByLevel().values().stream().mapToLong(Long::longValue).sum();
    };
  }

  private Figures figures(TraceFilter filter) {
    List<AggregateRow> byStatus = queries.aggregate(filter, new Aggregation(List.of(new Grouping.ByStatus()),
        EnumSet.of(Measure.COUNT, Measure.AVG_DURATION, Measure.EVENTS_BY_LEVEL)));
    Figures figures = new Figures();
    for (AggregateRow row : byStatus) {
      String status = row.group().get("status");
      figures.total += row.count();
      figures.errors += row.eventsByLevel().get(EventLevel.ERROR) + row.eventsByLevel().get(EventLevel.CRITICAL);
      if (!"active".equals(status)) {
        figures.ended += row.count();
        figures.durationTotal += row.avgDurationMs() == null ? 0 : row.avgDurationMs() * row.count();
      }
      if ("completed".equals(status)) {
        figures.completed += row.count();
      }
    }
    return figures;
  }

  private static final class Figures {
    long total;
    long ended;
    long completed;
    long errors;
    double durationTotal;

    Double successRate() {
      return ended == 0 ? null : (double) completed / ended;
    }

    Double averageDuration() {
      return ended == 0 ? null : durationTotal / ended;
    }

    Summary summary() {
      return new Summary(total, successRate(), averageDuration(), errors);
    }
  }

  private static Trend trend(double current, double previous) {
    return trend(Double.valueOf(current), Double.valueOf(previous));
  }

  private static Trend trend(Double current, Double previous) {
    Double change = current == null || previous == null || previous == 0 ? null : (current - previous) / previous;
    return new Trend(current, previous, change);
  }
}
