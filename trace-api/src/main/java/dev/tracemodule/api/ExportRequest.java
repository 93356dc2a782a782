package dev.tracemodule.api;

/**
 * What to export.
 *
 * @param filter which traces; null for every one
 * @param format required
 * @param compression null: none, or zstd for Parquet
 * @param includeEvents the traces' events too; null: no
 * @param includeMetrics the aggregation of the same traces beside them; null: no
 * @param metrics which aggregation; null: every measure by trace type
 */
public record ExportRequest(
    TraceFilter filter,
    ExportFormat format,
    ExportCompression compression,
    Boolean includeEvents,
    Boolean includeMetrics,
    TraceAggregation metrics) {

  public boolean withEvents() {
    return Boolean.TRUE.equals(includeEvents);
  }

  public boolean withMetrics() {
    return Boolean.TRUE.equals(includeMetrics);
  }
}
