package dev.tracemodule.domain.telemetry;

/** Reads OTLP request bodies (uncompressed) into spans and log records, and writes OTLP's answers. */
public interface TelemetryDecoder {

  /**
   * The spans of an {@code ExportTraceServiceRequest}.
   *
   * @throws MalformedTelemetryException when the body cannot be read at all
   */
  Decoded<ImportedSpan> spans(byte[] body, TelemetryFormat format);

  /** The log records of an {@code ExportLogsServiceRequest}. */
  Decoded<ImportedLogRecord> logs(byte[] body, TelemetryFormat format);

  /**
   * An {@code ExportTraceServiceResponse} or {@code ExportLogsServiceResponse}: empty, or with a
   * partial success naming how many were refused and why.
   */
  byte[] answer(boolean logs, int rejected, String reason, TelemetryFormat format);

  /** A {@code google.rpc.Status}, the body OTLP gives a refused request, with a gRPC status code. */
  byte[] failure(int grpcCode, String message, TelemetryFormat format);
}
