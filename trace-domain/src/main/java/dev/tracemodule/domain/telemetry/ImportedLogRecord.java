package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.shared.JsonMap;
import java.time.Instant;
import java.util.Objects;

/**
 * A log record as OpenTelemetry sent it.
 *
 * @param traceId null when the log belongs to no trace
 * @param spanId null when it belongs to no span
 * @param severityNumber 1 to 24 (0: unspecified)
 * @param body the body as text (a structured body as JSON)
 */
public record ImportedLogRecord(
    String traceId,
    String spanId,
    Instant time,
    int severityNumber,
    String severityText,
    String body,
    JsonMap attributes,
    JsonMap resource) {

  public ImportedLogRecord {
    Objects.requireNonNull(time, "time");
    attributes = Objects.requireNonNullElse(attributes, JsonMap.EMPTY);
    resource = Objects.requireNonNullElse(resource, JsonMap.EMPTY);
  }
}
