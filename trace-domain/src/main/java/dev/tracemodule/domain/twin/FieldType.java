package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The type of a twin's field: {@code integer}, {@code decimal}, {@code string}, {@code boolean},
 * {@code timestamp}, {@code list<T>} or {@code map<T>} (string keys to values of type T), nested
 * as deep as wanted. Written and parsed in that text form.
 *
 * <p>Values are kept in one canonical form per type, so that equal values are equal objects:
 * {@code Long} for integers, {@code BigDecimal} with no trailing zero but one decimal place at
 * least ({@code 5.0}, {@code 12.5}) for decimals, ISO-8601
 * text to the microsecond for timestamps, unmodifiable lists and maps for the others.
 */
public final class FieldType {

  public enum Kind { INTEGER, DECIMAL, STRING, BOOLEAN, TIMESTAMP, LIST, MAP }

  public static final FieldType INTEGER = new FieldType(Kind.INTEGER, null);
  public static final FieldType DECIMAL = new FieldType(Kind.DECIMAL, null);
  public static final FieldType STRING = new FieldType(Kind.STRING, null);
  public static final FieldType BOOLEAN = new FieldType(Kind.BOOLEAN, null);
  public static final FieldType TIMESTAMP = new FieldType(Kind.TIMESTAMP, null);

  private static final int MAX_DEPTH = 8;
  private static final java.util.regex.Pattern DECIMAL_TEXT =
      java.util.regex.Pattern.compile("-?\\d{1,60}(\\.\\d{1,60})?");

  private final Kind kind;
  /** Of a list or map's values; null otherwise. */
  private final FieldType element;

  private FieldType(Kind kind, FieldType element) {
    this.kind = kind;
    this.element = element;
  }

  public static FieldType listOf(FieldType element) {
    return new FieldType(Kind.LIST, Objects.requireNonNull(element, "element"));
  }

  /**
   * Reads {@code integer}, {@code list<string>}, {@code map<list<decimal>>} and so on; spaces and
   * case do not matter.
   *
   * @param field named in the error when the text is no type
   */
  public static FieldType parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(field, "must name a type");
    }
    String compact = text.replace(" ", "").toLowerCase(Locale.ROOT);
    FieldType parsed = parse(compact, 0);
    if (parsed == null) {
      throw new InvalidValueException(field, "is not a type: '" + text + "'; use integer, decimal, string, boolean,"
          + " timestamp, list<T> or map<T>");
    }
    return parsed;
  }

  private static FieldType parse(String text, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    switch (text) {
      case "integer": return INTEGER;
      case "decimal": return DECIMAL;
      case "string": return STRING;
      case "boolean": return BOOLEAN;
      case "timestamp": return TIMESTAMP;
      default: break;
    }
    for (Kind container : new Kind[] {Kind.LIST, Kind.MAP}) {
      String prefix = container.name().toLowerCase(Locale.ROOT) + "<";
      if (text.startsWith(prefix) && text.endsWith(">")) {
        FieldType inner = parse(text.substring(prefix.length(), text.length() - 1), depth + 1);
        return inner == null ? null : new FieldType(container, inner);
      }
    }
    return null;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * {@code value} in its canonical form for this type, or the reason it does not fit. Null is
   * for the caller to allow or not.
   */
  public Object canonical(Object value) throws Mismatch {
    if (value == null) {
      return null;
    }
    switch (kind) {
      case INTEGER:
        return integer(value);
      case DECIMAL:
        return decimal(value);
      case STRING:
        if (value instanceof String text) {
          if (text.indexOf('\u0000') >= 0) {
            throw new Mismatch("", "must not contain the NUL character (\\u0000)");
          }
          return text;
        }
        throw new Mismatch("", "must be a string");
      case BOOLEAN:
        if (value instanceof Boolean flag) {
          return flag;
        }
        throw new Mismatch("", "must be true or false");
      case TIMESTAMP:
        return timestamp(value);
      case LIST:
        if (!(value instanceof List<?> list)) {
          throw new Mismatch("", "must be a list of " + element);
        }
        List<Object> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          items.add(item(list.get(i), "[" + i + "]"));
        }
        return Collections.unmodifiableList(items);
      case MAP:
        if (!(value instanceof Map<?, ?> map)) {
          throw new Mismatch("", "must be an object whose values are " + element);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key) || key.isEmpty()) {
            throw new Mismatch("", "keys must be non-empty strings");
          }
          entries.put(key, item(entry.getValue(), "." + key));
        }
        return Collections.unmodifiableMap(entries);
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /** An item of a list or map in its canonical form, never null; a mismatch says which ({@code [2]}, {@code .sku}). */
  private Object item(Object value, String path) throws Mismatch {
    try {
      Object item = element.canonical(value); // as deep as the type nests, which parse bounds
      if (item == null) {
        throw new Mismatch("", "must not be null");
      }
      return item;
    } catch (Mismatch e) {
      throw e.under(path);
    }
  }

  private static Long integer(Object value) throws Mismatch {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    BigDecimal number = value instanceof Number n && !(value instanceof Double d && !Double.isFinite(d))
        && !(value instanceof Float f && !Float.isFinite(f)) ? new BigDecimal(n.toString()) : null;
    if (number != null) {
      try {
        return number.longValueExact();
      } catch (ArithmeticException e) {
        // a fraction, or too large: falls through
      }
    }
    throw new Mismatch("", "must be a whole number between -2^63 and 2^63-1");
  }

  private static BigDecimal decimal(Object value) throws Mismatch {
    BigDecimal number;
    if (value instanceof BigDecimal exact) {
      number = exact;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      number = new BigDecimal(value.toString());
    } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      number = new BigDecimal(value.toString());
    } else if (value instanceof String text && DECIMAL_TEXT.matcher(text).matches()) {
      number = new BigDecimal(text); // exact, where a JSON number may have passed through a double
    } else {
      throw new Mismatch("", "must be a finite number, or a decimal number as text (\"12.50\")");
    }
    // At least one decimal place, so that JSON tells a decimal from an integer when read back.
    BigDecimal stripped = number.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
  }

  private static String timestamp(Object value) throws Mismatch {
    if (value instanceof String text) {
      try {
        return Instant.parse(text).truncatedTo(ChronoUnit.MICROS).toString();
      } catch (DateTimeParseException e) {
        // falls through
      }
    } else if (value instanceof Instant instant) {
      return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
    throw new Mismatch("", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldType type && kind == type.kind && Objects.equals(element, type.element);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, element);
  }

  /** The text form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    String name = kind.name().toLowerCase(Locale.ROOT);
    return element == null ? name : name + "<" + element + ">";
  }

  /** A value that does not fit, with where inside it ({@code [2]}, {@code .sku}) and why. */
  public static final class Mismatch extends Exception {
    private final String path;
    private final String reason;

    Mismatch(String path, String reason) {
      super(reason, null, false, false);
      this.path = path;
      this.reason = reason;
    }

    Mismatch under(String parent) {
      return new Mismatch(parent + path, reason);
    }

    public String path() {
      return path;
    }

    public String reason() {
      return reason;
    }
  }
}
