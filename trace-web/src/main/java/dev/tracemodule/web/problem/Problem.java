package dev.tracemodule.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tracemodule.web.config.JsonMapping;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of error; {@code errors} names each
 * field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public record FieldError(String field, String message) {}

  /**
   * Written here, not by a message body writer: for application/problem+json the runtime may pick
   * another JSON provider than ours.
   */
  public Response toResponse() {
    try {
      return Response.status(status).type(MEDIA_TYPE).entity(JsonMapping.MAPPER.writeValueAsString(this)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem detail is always serialisable", e);
    }
  }
}
