package dev.tracemodule.domain.query;

import dev.tracemodule.domain.trace.TraceId;
import java.util.Objects;

/**
 * Error and critical events that say the same thing: the same type, and the same message once
 * numbers and ids are replaced by {@code <n>} and {@code <id>}.
 *
 * @param example a trace holding one of them
 * @param exampleMessage one of their messages as recorded
 */
public record ErrorPattern(String type, String message, long count, TraceId example, String exampleMessage) {

  public ErrorPattern {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(example, "example");
  }
}
