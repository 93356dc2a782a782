package dev.tracemodule.domain.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Values that can never be valid, whatever the state: the caller must change its input. Names
 * every field at fault, as the API calls it ({@code events[2].type}).
 */
public class InvalidValueException extends DomainException {

  private final List<Violation> violations;

  public InvalidValueException(List<Violation> violations) {
    super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("no violations");
    }
    this.violations = List.copyOf(violations);
  }

  public InvalidValueException(String field, String reason) {
    this(List.of(new Violation(field, reason)));
  }

  public List<Violation> violations() {
    return violations;
  }

  /** The first field at fault. */
  public String field() {
    return violations.get(0).field();
  }

  /** The rule the first field broke. */
  public String reason() {
    return violations.get(0).reason();
  }

  /** The same violations with their fields under {@code prefix} ({@code events[2].}). */
  public InvalidValueException under(String prefix) {
    return new InvalidValueException(
        violations.stream().map(v -> new Violation(prefix + v.field(), v.reason())).toList());
  }

  public record Violation(String field, String reason) {
    @Override
    public String toString() {
      return field + ": " + reason;
    }
  }
}
