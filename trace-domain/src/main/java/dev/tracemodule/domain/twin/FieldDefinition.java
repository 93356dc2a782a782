package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A field of a twin type. Every field has a value from the start: its default, or null when it
 * is nullable and has none. A field that may not be null must therefore say its default.
 *
 * @param defaultValue in the canonical form of {@code type}
 */
public record FieldDefinition(String name, FieldType type, Object defaultValue, boolean nullable, String description) {

  public static final int MAX_NAME_LENGTH = 128;
  public static final int MAX_DESCRIPTION_LENGTH = 2_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public FieldDefinition {
    Objects.requireNonNull(type, "type");
    FieldChecks checks = new FieldChecks();
    name = checks.requiredText("name", name, MAX_NAME_LENGTH);
    checks.check(name == null || NAME.matcher(name).matches(), "name",
        "must start with a letter or '_' and hold only letters, digits and '_'");
    description = checks.optionalText("description", description, MAX_DESCRIPTION_LENGTH);
    try {
      defaultValue = type.canonical(defaultValue);
    } catch (FieldType.Mismatch e) {
      checks.check(false, "default" + e.path(), e.reason());
    }
    checks.check(defaultValue != null || nullable, "default", "is needed: the field is not nullable");
    checks.throwIfAny();
  }

  /** {@code value} in canonical form, or why it does not fit, under {@code field}. */
  Object accept(Object value, String field) {
    if (value == null) {
      if (!nullable) {
        throw new InvalidValueException(field, "must not be null");
      }
      return null;
    }
    try {
      return type.canonical(value);
    } catch (FieldType.Mismatch e) {
      throw new InvalidValueException(field + e.path(), e.reason());
    }
  }

  /** Same name, type, default and nullability: what values a field holds, not how it is described. */
  boolean holdsTheSameAs(FieldDefinition other) {
    return name.equals(other.name) && type.equals(other.type) && Objects.equals(defaultValue, other.defaultValue)
        && nullable == other.nullable;
  }
}
