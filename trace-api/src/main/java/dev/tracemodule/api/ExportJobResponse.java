package dev.tracemodule.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An export job and its progress.
 *
 * @param status queued, running, done, failed or cancelled
 * @param rowsTotal the rows counted when the job started (traces, plus events when included)
 * @param percent 0 to 100
 * @param fileExpiresAt when the finished file is deleted, with the job
 */
public record ExportJobResponse(
    UUID id,
    String status,
    long rowsWritten,
    long rowsTotal,
    double percent,
    long bytesWritten,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant fileExpiresAt,
    String fileName,
    String contentType,
    String contentEncoding,
    String failureReason) {}
