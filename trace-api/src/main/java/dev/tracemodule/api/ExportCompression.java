package dev.tracemodule.api;

/** Gzip for JSON, NDJSON and CSV; Parquet compresses its columns with snappy or zstd (the default). */
public enum ExportCompression {
  NONE,
  GZIP,
  SNAPPY,
  ZSTD
}
