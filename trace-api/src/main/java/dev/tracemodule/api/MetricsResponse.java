package dev.tracemodule.api;

import java.time.Instant;

/** The figures asked for; the others are null. */
public record MetricsResponse(
    Instant from,
    Instant to,
    Long requestCount,
    ResponseTimes responseTime,
    Double errorRate,
    Long activeTraces,
    Double eventsPerSecond,
    SystemMetrics system) {

  /** Milliseconds; null when no trace of the range has ended. */
  public record ResponseTimes(Double avgMs, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {}

  /**
   * The server that answered, at the moment it answered.
   *
   * @param processCpuLoad 0 to 1 of the machine's CPUs, or -1 when the JVM cannot tell
   * @param systemLoadAverage over the last minute, or -1 when the JVM cannot tell
   */
  public record SystemMetrics(
      double processCpuLoad,
      double systemLoadAverage,
      int availableProcessors,
      long heapUsedBytes,
      long heapMaxBytes,
      int threads,
      long uptimeMs) {}
}
