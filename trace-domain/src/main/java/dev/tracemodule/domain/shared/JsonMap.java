package dev.tracemodule.domain.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable JSON object: string keys; values that are strings, numbers, booleans, null, lists
 * or nested maps of the same. Used for trace metadata and event data.
 */
public final class JsonMap {

  public static final JsonMap EMPTY = new JsonMap(Map.of());

  private static final int MAX_DEPTH = 32;

  /** PostgreSQL stores no NUL character in text or jsonb; refusing it here keeps that a 400. */
  static final String NUL_REASON = "must not contain the NUL character (\\u0000)";

  private final Map<String, Object> values;

  private JsonMap(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * Copies {@code source} deeply, checking that it holds only JSON values.
   *
   * @param field the input field named in the error when the map is not JSON
   */
  public static JsonMap of(Map<String, ?> source, String field) {
    if (source == null || source.isEmpty()) {
      return EMPTY;
    }
    try {
      return new JsonMap(copyObject(source, 0));
    } catch (NotJson e) {
      throw new InvalidValueException(field + e.path, e.reason);
    }
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  public Object get(String key) {
    return values.get(key);
  }

  /** An unmodifiable view, in insertion order. */
  public Map<String, Object> asMap() {
    return values;
  }

  // The copy runs for every event recorded, so the path of a value (data.a.b[2]) is built only
  // when one is refused: each level adds its part to NotJson on the way out.
  private static Map<String, Object> copyObject(Map<?, ?> source, int depth) {
    checkDepth(depth);
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      if (!(entry.getKey() instanceof String key) || key.isEmpty()) {
        throw new NotJson("", "keys must be non-empty strings");
      }
      if (key.indexOf('\u0000') >= 0) {
        throw new NotJson("", "keys " + NUL_REASON);
      }
      try {
        copy.put(key, copyValue(entry.getValue(), depth + 1));
      } catch (NotJson e) {
        throw e.under("." + key);
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value, int depth) {
    if (value instanceof String text && text.indexOf('\u0000') >= 0) {
      throw new NotJson("", NUL_REASON);
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new NotJson("", "must be a finite number");
      }
      return value;
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Map<?, ?> map) {
      return copyObject(map, depth);
    }
    if (value instanceof List<?> list) {
      checkDepth(depth);
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        try {
          copy.add(copyValue(list.get(i), depth + 1));
        } catch (NotJson e) {
          throw e.under("[" + i + "]");
        }
      }
      return Collections.unmodifiableList(copy);
    }
    throw new NotJson("", "is not a JSON value: " + value.getClass().getSimpleName());
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new NotJson("", "nests deeper than " + MAX_DEPTH + " levels");
    }
  }

  /** A refused value, with its path below the map so far. */
  private static final class NotJson extends RuntimeException {
    private final String path;
    private final String reason;

    NotJson(String path, String reason) {
      super(null, null, false, false);
      this.path = path;
      this.reason = reason;
    }

    NotJson under(String parent) {
      return new NotJson(parent + path, reason);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonMap map && values.equals(map.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
