package dev.tracemodule.domain.shared;

/** Checks on free text fields, so every aggregate words its errors the same way. */
public final class Text {

  private Text() {}

  /** Returns {@code value} stripped, refusing null, blank or longer than {@code maxLength}. */
  public static String required(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(field, "must not be blank");
    }
    return bounded(value.strip(), field, maxLength);
  }

  /** Returns {@code value} stripped, or null when it is null or blank. */
  public static String optional(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return bounded(value.strip(), field, maxLength);
  }

  private static String bounded(String value, String field, int maxLength) {
    if (value.length() > maxLength) {
      throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
    }
    return value;
  }
}
