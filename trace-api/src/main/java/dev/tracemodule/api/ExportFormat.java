package dev.tracemodule.api;

/** The file formats of an export; their columns and fields are in the README. */
public enum ExportFormat {
  /** One JSON document: traces with their events nested, and a metrics section. */
  JSON,
  /** A JSON object per line: a line per trace, and one per event after it when events are included. */
  NDJSON,
  /** RFC 4180 CSV with a header row: traces, and events in a second file (both in a zip). */
  CSV,
  /** Parquet: a traces table, and a flat events table with its trace's columns (both in a zip). */
  PARQUET
}
