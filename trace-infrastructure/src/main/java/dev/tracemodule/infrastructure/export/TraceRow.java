package dev.tracemodule.infrastructure.export;

/**
 * A trace as exports write it, its values as PostgreSQL sent them: text (the id included) as
 * UTF-8 bytes, {@code tags} and {@code metadata} as stored JSON text, instants in microseconds
 * since the epoch. The event counts are null while the trace is active. The arrays are the
 * row's own and never changed; the record compares them by identity.
 */
record TraceRow(
    byte[] id,
    byte[] contextId,
    byte[] executionId,
    byte[] type,
    byte[] name,
    byte[] description,
    byte[] status,
    long startedAt,
    Long completedAt,
    Double durationMs,
    byte[] failureReason,
    byte[] tags,
    byte[] metadata,
    Integer debugEvents,
    Integer infoEvents,
    Integer warnEvents,
    Integer errorEvents,
    Integer criticalEvents) {}
