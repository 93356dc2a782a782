package dev.tracemodule.infrastructure.export;

import java.time.Instant;
import java.util.UUID;

/** An event as exports write it; {@code data} is JSON text as stored. */
record EventRow(
    UUID id,
    UUID traceId,
    UUID parentId,
    String type,
    String level,
    String message,
    String data,
    Instant occurredAt,
    Double durationMs) {}
