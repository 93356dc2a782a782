package dev.tracemodule.web.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceModuleException;
import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.api.TraceStateException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Decides which problem an exception is. Wrapped exceptions are unwrapped, so a known cause is
 * reported as itself; anything unknown is a 500 with an incident id in the log, never a stack
 * trace in the answer.
 */
final class ProblemMapping {

  private static final Logger LOG = Logger.getLogger(ProblemMapping.class.getName());

  private ProblemMapping() {}

  static Problem toProblem(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      Problem known = known(cause);
      if (known != null) {
        return known;
      }
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "incident " + incident, thrown);
    return ProblemType.INTERNAL_ERROR.problem("Unexpected error; incident " + incident + " is logged.");
  }

  private static Problem known(Throwable cause) {
    if (cause instanceof TraceModuleException e) {
      return fromModule(e);
    }
    if (cause instanceof BodyTooLargeException e) {
      return ProblemType.BODY_TOO_LARGE.problem(e.getMessage());
    }
    if (cause instanceof MalformedBodyException e) {
      return ProblemType.MALFORMED_BODY.problem(e.getMessage());
    }
    if (cause instanceof NdjsonItemException e) {
      return fromJson(e.mappingError(), "events[" + e.index() + "]");
    }
    if (cause instanceof JsonProcessingException e) {
      return fromJson(e, "");
    }
    if (cause instanceof NotSupportedException) {
      return ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("Send the body as application/json.");
    }
    if (cause instanceof WebApplicationException e && e.getResponse() != null) {
      int status = e.getResponse().getStatus();
      return ProblemType.httpError(status, status >= 500 ? null : e.getMessage());
    }
    return null;
  }

  private static Problem fromModule(TraceModuleException e) {
    if (e instanceof TraceNotFoundException || e instanceof dev.tracemodule.api.ExportNotFoundException
        || e instanceof dev.tracemodule.api.twin.TwinNotFoundException) {
      return ProblemType.NOT_FOUND.problem(e.getMessage());
    }
    if (e instanceof TraceStateException) {
      return ProblemType.STATE_CONFLICT.problem(e.getMessage());
    }
    if (e instanceof InvalidInputException invalid) {
      List<Problem.FieldError> errors =
          invalid.violations().stream()
              .map(v -> new Problem.FieldError(v.field(), v.message()))
              .toList();
      return ProblemType.INVALID_INPUT.problem(summary(errors), errors);
    }
    return null;
  }

  private static Problem fromJson(JsonProcessingException e, String itemPath) {
    // A syntax error met while binding a value (invalid UTF-8, say) is still a syntax error.
    if (e.getCause() instanceof JsonParseException syntax) {
      return fromJson(syntax, itemPath);
    }
    if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return ProblemType.MALFORMED_BODY.problem("The body is not valid JSON" + where + ".");
    }
    String field = itemPath + path(mapping, !itemPath.isEmpty());
    if (e instanceof UnrecognizedPropertyException unknown) {
      return invalid(field, "is not a known field" + knownFields(unknown));
    }
    // Covers InvalidFormatException (a bad enum, UUID or instant) too: it is a mismatch.
    String message =
        e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
            ? expected(mismatch.getTargetType())
            : "has an invalid value";
    return invalid(field.isEmpty() ? "body" : field, message);
  }

  private static Problem invalid(String field, String message) {
    List<Problem.FieldError> errors = List.of(new Problem.FieldError(field, message));
    return ProblemType.INVALID_INPUT.problem(summary(errors), errors);
  }

  private static String knownFields(UnrecognizedPropertyException unknown) {
    if (unknown.getKnownPropertyIds() == null || unknown.getKnownPropertyIds().isEmpty()) {
      return "";
    }
    return "; known fields: "
        + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  /**
   * Jackson's path as {@code events[2].level}; a body that is an array is a list of events.
   *
   * @param nested whether the path goes under a prefix, so starts with a dot
   */
  private static String path(JsonMappingException e, boolean nested) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0 || nested) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        if (path.length() == 0) {
          path.append("events");
        }
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "must be one of: "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (type == UUID.class) {
      return "must be a UUID";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be an array";
    }
    return "must be a JSON object";
  }

  private static String summary(List<Problem.FieldError> errors) {
    return errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
  }
}
