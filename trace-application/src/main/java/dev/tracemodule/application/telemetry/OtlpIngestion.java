package dev.tracemodule.application.telemetry;

import dev.tracemodule.application.shared.CurrentTenant;
import dev.tracemodule.domain.telemetry.Decoded;
import dev.tracemodule.domain.telemetry.ImportedLogRecord;
import dev.tracemodule.domain.telemetry.ImportedSpan;
import dev.tracemodule.domain.telemetry.MalformedTelemetryException;
import dev.tracemodule.domain.telemetry.TelemetryDecoder;
import dev.tracemodule.domain.telemetry.TelemetryFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The OTLP/HTTP receiver's use cases: a request body in, OTLP's answer out (an export response,
 * with partial success when some items were refused; a {@code google.rpc.Status} when the body
 * cannot be read).
 */
@ApplicationScoped
public class OtlpIngestion {

  /** gRPC's INVALID_ARGUMENT, which OTLP/HTTP pairs with 400. */
  public static final int INVALID_ARGUMENT = 3;
  /** gRPC's RESOURCE_EXHAUSTED, for a body over the size limit (413). */
  public static final int RESOURCE_EXHAUSTED = 8;

  /** How a request is encoded, and so its answer. */
  public enum Encoding {
    PROTOBUF,
    JSON;

    TelemetryFormat format() {
      return this == PROTOBUF ? TelemetryFormat.PROTOBUF : TelemetryFormat.JSON;
    }
  }

  /** An HTTP status and its body, in the request's encoding. */
  public record Answer(int status, byte[] body, ImportedBatch batch) {}

  private CurrentTenant tenant;
  private TelemetryDecoder codec;
  private ImportSpansHandler spans;
  private ImportLogsHandler logs;

  protected OtlpIngestion() {}

  @Inject
  public OtlpIngestion(CurrentTenant tenant, TelemetryDecoder codec, ImportSpansHandler spans, ImportLogsHandler logs) {
    this.tenant = tenant;
    this.codec = codec;
    this.spans = spans;
    this.logs = logs;
  }

  public Answer traces(byte[] body, Encoding encoding) {
    TelemetryFormat format = encoding.format();
    Decoded<ImportedSpan> decoded;
    try {
      decoded = codec.spans(body, format);
    } catch (MalformedTelemetryException e) {
      return failure(400, INVALID_ARGUMENT, e.getMessage(), encoding);
    }
    int stored = spans.handle(tenant.get(), decoded.items());
    ImportedBatch batch = new ImportedBatch(decoded.items().size(), decoded.rejected(), decoded.rejectionReason(),
        stored);
    return new Answer(200, codec.answer(false, batch.rejected(), batch.rejectionReason(), format), batch);
  }

  public Answer logs(byte[] body, Encoding encoding) {
    TelemetryFormat format = encoding.format();
    Decoded<ImportedLogRecord> decoded;
    try {
      decoded = codec.logs(body, format);
    } catch (MalformedTelemetryException e) {
      return failure(400, INVALID_ARGUMENT, e.getMessage(), encoding);
    }
    int stored = logs.handle(tenant.get(), decoded.items());
    ImportedBatch batch = new ImportedBatch(decoded.items().size(), decoded.rejected(), decoded.rejectionReason(),
        stored);
    return new Answer(200, codec.answer(true, batch.rejected(), batch.rejectionReason(), format), batch);
  }

  /** OTLP's answer to a request refused whole: an HTTP status and a {@code google.rpc.Status}. */
  public Answer failure(int httpStatus, int grpcCode, String message, Encoding encoding) {
    return new Answer(httpStatus, codec.failure(grpcCode, message, encoding.format()), null);
  }
}
