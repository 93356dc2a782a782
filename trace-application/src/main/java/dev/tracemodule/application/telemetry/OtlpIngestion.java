package dev.tracemodule.application.telemetry;

import dev.tracemodule.application.shared.CurrentTenant;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.telemetry.Decoded;
import dev.tracemodule.domain.telemetry.MalformedTelemetryException;
import dev.tracemodule.domain.telemetry.TelemetryDecoder;
import dev.tracemodule.domain.telemetry.TelemetryFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

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
  public record Answer(int status, byte[] body) {}

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
    return ingest(body, encoding, false, codec::spans, spans::handle);
  }

  public Answer logs(byte[] body, Encoding encoding) {
    return ingest(body, encoding, true, codec::logs, logs::handle);
  }

  private <T> Answer ingest(byte[] body, Encoding encoding, boolean logRecords,
      BiFunction<byte[], TelemetryFormat, Decoded<T>> decode, BiConsumer<TenantId, List<T>> store) {
    TelemetryFormat format = encoding.format();
    Decoded<T> decoded;
    try {
      decoded = decode.apply(body, format);
    } catch (MalformedTelemetryException e) {
      return failure(400, INVALID_ARGUMENT, e.getMessage(), encoding);
    }
    store.accept(tenant.get(), decoded.items());
    return new Answer(200, codec.answer(logRecords, decoded.rejected(), decoded.rejectionReason(), format));
  }

  /** OTLP's answer to a request refused whole: an HTTP status and a {@code google.rpc.Status}. */
  public Answer failure(int httpStatus, int grpcCode, String message, Encoding encoding) {
    return new Answer(httpStatus, codec.failure(grpcCode, message, encoding.format()));
  }
}
