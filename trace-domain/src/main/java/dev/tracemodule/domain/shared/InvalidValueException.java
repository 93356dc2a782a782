package dev.tracemodule.domain.shared;

/** A value that can never be valid, whatever the state: the caller must change its input. */
public class InvalidValueException extends DomainException {

  private final String field;

  public InvalidValueException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The name of the input field at fault, as the API calls it. */
  public String field() {
    return field;
  }

  /** The rule that was broken, without the field name. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
