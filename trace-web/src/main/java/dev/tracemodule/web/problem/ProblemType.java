package dev.tracemodule.web.problem;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.util.List;

/** The kinds of error the API reports, each with its stable {@code type} URI and status. */
public enum ProblemType {
  INVALID_INPUT("invalid-input", "Invalid input", 400),
  MALFORMED_BODY("malformed-body", "Malformed request body", 400),
  NOT_FOUND("not-found", "Not found", 404),
  STATE_CONFLICT("state-conflict", "Conflicts with the current state", 409),
  BODY_TOO_LARGE("body-too-large", "Request body too large", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
  HTTP_ERROR("http-error", null, 0),
  INTERNAL_ERROR("internal-error", "Internal error", 500);

  private static final String BASE = "https://tracemodule.dev/problems/";

  private final URI uri;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.uri = URI.create(BASE + slug);
    this.title = title;
    this.status = status;
  }

  public Problem problem(String detail) {
    return new Problem(uri, title, status, detail, List.of());
  }

  public Problem problem(String detail, List<Problem.FieldError> errors) {
    return new Problem(uri, title, status, detail, errors);
  }

  /** For errors the HTTP layer raises itself (unknown path, wrong method): title from status. */
  public static Problem httpError(int status, String detail) {
    Status known = Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    return new Problem(HTTP_ERROR.uri, title, status, detail, List.of());
  }
}
