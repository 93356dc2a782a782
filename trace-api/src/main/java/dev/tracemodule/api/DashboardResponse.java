package dev.tracemodule.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dashboard over the traces started in {@code [from, to)}.
 *
 * @param bucket the width of the time series' points: 1m, 5m, 1h or 1d
 * @param timeSeries a series per metric asked for, one point per bucket from the one holding
 *     {@code from} to the one holding the end of the range, empty buckets included
 * @param topErrors the most frequent error patterns
 * @param trends the summary's figures against those of the window of the same length just before
 */
public record DashboardResponse(
    Instant from,
    Instant to,
    String bucket,
    Summary summary,
    Map<DashboardMetric, List<Point>> timeSeries,
    List<ErrorGroup> topErrors,
    Trends trends) {

  /**
   * @param successRate completed traces among those ended, 0 to 1; null when none has ended
   * @param averageDurationMs of the ended traces
   * @param errorCount error and critical events
   */
  public record Summary(long totalTraces, Double successRate, Double averageDurationMs, long errorCount) {}

  /** A bucket's start and its value: null for a duration figure of a bucket without ended traces. */
  public record Point(Instant time, Double value) {}

  /**
   * Error and critical events of one type whose messages read the same once numbers ({@code <n>})
   * and ids ({@code <id>}) are taken out.
   */
  public record ErrorGroup(String type, String message, long count, UUID exampleTraceId, String exampleMessage) {}

  /** {@code change}: (current - previous) / previous; null when previous is 0 or unknown. */
  public record Trend(Double current, Double previous, Double change) {}

  public record Trends(Trend totalTraces, Trend successRate, Trend averageDurationMs, Trend errorCount) {}
}
