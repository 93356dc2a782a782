package dev.tracemodule.domain.export;

/** Gzip for the text formats; Parquet compresses its columns with its own codecs. */
public enum ExportCompression {
  NONE,
  GZIP,
  SNAPPY,
  ZSTD
}
