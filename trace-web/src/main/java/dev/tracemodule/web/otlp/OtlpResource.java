package dev.tracemodule.web.otlp;

import dev.tracemodule.application.telemetry.OtlpIngestion;
import dev.tracemodule.web.problem.BodyTooLargeException;
import dev.tracemodule.web.problem.MalformedBodyException;
import dev.tracemodule.web.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * OTLP/HTTP: {@code POST /v1/traces} and {@code /v1/logs}, protobuf ({@code
 * application/x-protobuf}) or JSON ({@code application/json}), gzip-compressed or not. Answers in
 * the request's encoding: 200 with an export response (partial success counting the items
 * refused), 400 with a {@code google.rpc.Status} for a body that cannot be read, 413 over {@code
 * trace.http.max-body-bytes}; another media type is 415.
 */
@Path("")
@ApplicationScoped
public class OtlpResource {

  static final String PROTOBUF = "application/x-protobuf";

  @Inject OtlpIngestion ingestion;

  @POST
  @Path("/traces")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "OTLP/HTTP traces: spans become traces and events")
  public Response traces(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
    return receive(contentType, body, ingestion::traces);
  }

  @POST
  @Path("/logs")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "OTLP/HTTP logs: log records become events")
  public Response logs(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
    return receive(contentType, body, ingestion::logs);
  }

  private Response receive(String contentType, InputStream body,
      BiFunction<byte[], OtlpIngestion.Encoding, OtlpIngestion.Answer> ingest) {
    OtlpIngestion.Encoding format = formatOf(contentType);
    if (format == null) {
      return ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("Send OTLP as application/x-protobuf or application/json,"
          + " not " + contentType + ".").toResponse();
    }
    byte[] bytes;
    try {
      bytes = body.readAllBytes(); // gzip decoded and size limited by BodySizeLimit
    } catch (BodyTooLargeException e) {
      return reply(ingestion.failure(413, OtlpIngestion.RESOURCE_EXHAUSTED, e.getMessage(), format), format);
    } catch (MalformedBodyException e) {
      return reply(ingestion.failure(400, OtlpIngestion.INVALID_ARGUMENT, e.getMessage(), format), format);
    } catch (IOException e) {
      return reply(ingestion.failure(400, OtlpIngestion.INVALID_ARGUMENT, "the body cannot be read: " + e.getMessage(),
          format), format);
    }
    return reply(ingest.apply(bytes, format), format);
  }

  private static Response reply(OtlpIngestion.Answer answer, OtlpIngestion.Encoding format) {
    return Response.status(answer.status())
        .type(format == OtlpIngestion.Encoding.PROTOBUF ? PROTOBUF : MediaType.APPLICATION_JSON)
        .entity(answer.body())
        .build();
  }

  private static OtlpIngestion.Encoding formatOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case PROTOBUF -> OtlpIngestion.Encoding.PROTOBUF;
      case MediaType.APPLICATION_JSON -> OtlpIngestion.Encoding.JSON;
      default -> null;
    };
  }
}
