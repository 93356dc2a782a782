package dev.tracemodule.domain.export;

import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.Grouping;
import dev.tracemodule.domain.query.Measure;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.shared.InvalidValueException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * What to export and how. Several files (traces and events as CSV or Parquet, or metrics beside
 * them) travel as one zip.
 *
 * @param metrics the aggregation written beside the data when asked for; by default every measure
 *     by trace type
 */
public record ExportSpec(
    TraceFilter filter,
    ExportFormat format,
    ExportCompression compression,
    boolean includeEvents,
    Aggregation metrics) {

  public static final Aggregation DEFAULT_METRICS =
      new Aggregation(List.of(new Grouping.ByType()), EnumSet.allOf(Measure.class));

  public ExportSpec {
    Objects.requireNonNull(filter, "filter");
    if (format == null) {
      throw new InvalidValueException("format", "must be one of json, ndjson, csv, parquet");
    }
    compression = compression == null ? (format == ExportFormat.PARQUET ? ExportCompression.ZSTD : ExportCompression.NONE) : compression;
    boolean parquetCodec = compression == ExportCompression.SNAPPY || compression == ExportCompression.ZSTD;
    if (format == ExportFormat.PARQUET && compression == ExportCompression.GZIP) {
      throw new InvalidValueException("compression", "Parquet compresses its columns itself: snappy, zstd or none");
    }
    if (format != ExportFormat.PARQUET && parquetCodec) {
      throw new InvalidValueException("compression", "snappy and zstd are for Parquet; " + format.name().toLowerCase() + " takes gzip or none");
    }
  }

  public boolean includeMetrics() {
    return metrics != null;
  }

  /** Several files, zipped: CSV or Parquet with events, or with metrics beside the data. */
  public boolean zipped() {
    return (format == ExportFormat.CSV || format == ExportFormat.PARQUET) && (includeEvents || includeMetrics());
  }

  /** Whether the whole stream is gzip-compressed (a zip compresses its entries instead). */
  public boolean gzipped() {
    return compression == ExportCompression.GZIP && !zipped();
  }

  public String contentType() {
    if (zipped()) {
      return "application/zip";
    }
    return switch (format) {
      case JSON -> "application/json";
      case NDJSON -> "application/x-ndjson";
      case CSV -> "text/csv; charset=UTF-8";
      case PARQUET -> "application/vnd.apache.parquet";
    };
  }

  /** The file name offered to the client, without a gzip suffix (that is a content encoding). */
  public String fileName(String stem) {
    if (zipped()) {
      return stem + ".zip";
    }
    return stem + switch (format) {
      case JSON -> ".json";
      case NDJSON -> ".ndjson";
      case CSV -> ".csv";
      case PARQUET -> ".parquet";
    };
  }
}
