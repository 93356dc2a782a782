package dev.tracemodule.api;

import java.util.List;

/** The input breaks a rule; {@link #violations()} names every field at fault. */
public class InvalidInputException extends TraceModuleException {

  private final List<FieldViolation> violations;

  public InvalidInputException(List<FieldViolation> violations, Throwable cause) {
    super(describe(violations), cause);
    this.violations = List.copyOf(violations);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new FieldViolation(field, message)), null);
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  private static String describe(List<FieldViolation> violations) {
    StringBuilder text = new StringBuilder("invalid input");
    for (FieldViolation violation : violations) {
      text.append("; ").append(violation.field()).append(": ").append(violation.message());
    }
    return text.toString();
  }

  /** A field (as a path such as {@code events[2].level}) and what is wrong with it. */
  public record FieldViolation(String field, String message) {}
}
