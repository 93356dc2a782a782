/**
 * Exports streamed from PostgreSQL (a server-side cursor) into JSON, NDJSON, CSV and Parquet
 * writers, row by row: memory does not grow with the export.
 */
package dev.tracemodule.infrastructure.export;
