package dev.tracemodule.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every error leaves the API as an RFC 9457 problem detail. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

  @Override
  public Response toResponse(Throwable thrown) {
    return ProblemMapping.toProblem(thrown).toResponse();
  }
}
