package dev.tracemodule.infrastructure.export;

/**
 * An event as exports write it, its values as PostgreSQL sent them: text (ids included) as UTF-8
 * bytes, {@code data} as stored JSON text, {@code occurredAt} in microseconds since the epoch.
 * The arrays are the row's own and never changed; the record compares them by identity.
 */
record EventRow(
    byte[] id,
    byte[] traceId,
    byte[] parentId,
    byte[] type,
    byte[] level,
    byte[] message,
    byte[] data,
    long occurredAt,
    Double durationMs) {}
