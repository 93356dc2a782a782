package dev.tracemodule.domain.export;

/** The file formats of an export. */
public enum ExportFormat {
  /** One JSON document: traces with their events nested, and a metrics section. */
  JSON,
  /** A JSON object per line: one per trace, or one per event when events are included. */
  NDJSON,
  /** RFC 4180 with a header row: a traces file, and an events file when events are included. */
  CSV,
  /** Typed columns: a traces table, and a flat events table when events are included. */
  PARQUET
}
