package dev.tracemodule.domain.shared;

import java.util.Objects;

/** The id of an object, chosen by the application: {@code cart-123}, an order number, a device's serial. */
public record ObjectId(String value) {

  public static final int MAX_LENGTH = 255;

  public ObjectId {
    Objects.requireNonNull(value, "object id");
    if (value.isBlank() || value.length() > MAX_LENGTH || !value.strip().equals(value)) {
      throw new InvalidValueException("objectId", "must be 1 to " + MAX_LENGTH
          + " characters, without leading or trailing spaces");
    }
    if (value.chars().anyMatch(c -> c < 0x20)) {
      throw new InvalidValueException("objectId", "must not contain control characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
