package dev.tracemodule.infrastructure.export;

import java.time.Instant;
import java.util.UUID;

/**
 * A trace as exports write it. {@code tags} and {@code metadata} are JSON text as stored; the
 * event counts are null while the trace is active.
 */
record TraceRow(
    UUID id,
    String contextId,
    String executionId,
    String type,
    String name,
    String description,
    String status,
    Instant startedAt,
    Instant completedAt,
    Double durationMs,
    String failureReason,
    String tags,
    String metadata,
    Integer debugEvents,
    Integer infoEvents,
    Integer warnEvents,
    Integer errorEvents,
    Integer criticalEvents) {}
