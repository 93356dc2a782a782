package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The name a type is registered under, such as {@code ShoppingCart}; case matters. */
public record TwinTypeName(String value) {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");

  public TwinTypeName {
    Objects.requireNonNull(value, "type name");
    if (!ALLOWED.matcher(value).matches()) {
      throw new InvalidValueException("name", "must start with a letter and hold at most 128 letters, digits, '_',"
          + " '.' or '-'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
