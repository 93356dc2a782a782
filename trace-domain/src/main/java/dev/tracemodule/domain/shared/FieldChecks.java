package dev.tracemodule.domain.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every rule an input breaks, so that one answer names all fields at fault rather than
 * the first. Use one instance per input; {@link #throwIfAny()} at the end.
 */
public final class FieldChecks {

  private final List<InvalidValueException.Violation> violations = new ArrayList<>();

  /** {@code value} stripped; a violation when it is null, blank or longer than {@code maxLength}. */
  public String requiredText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return fail(field, "must not be blank");
    }
    return bounded(field, value.strip(), maxLength);
  }

  /** {@code value} stripped, or null when it is null or blank. */
  public String optionalText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return bounded(field, value.strip(), maxLength);
  }

  /** Records a violation unless {@code holds}. */
  public void check(boolean holds, String field, String reason) {
    if (!holds) {
      fail(field, reason);
    }
  }

  /** Records the violations of a nested check. */
  public void add(InvalidValueException nested) {
    violations.addAll(nested.violations());
  }

  public void throwIfAny() {
    if (!violations.isEmpty()) {
      throw new InvalidValueException(violations);
    }
  }

  private String bounded(String field, String value, int maxLength) {
    if (value.length() > maxLength) {
      return fail(field, "must be at most " + maxLength + " characters");
    }
    if (value.indexOf('\u0000') >= 0) {
      return fail(field, JsonMap.NUL_REASON);
    }
    return value;
  }

  private String fail(String field, String reason) {
    violations.add(new InvalidValueException.Violation(field, reason));
    return null;
  }
}
