package dev.tracemodule.domain.query;

import dev.tracemodule.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key an aggregation groups by. Its {@link #name()} is the key's name in the result rows:
 * {@code type}, {@code status}, {@code contextId}, {@code name}, {@code metadata.<key>} or
 * {@code time}.
 */
public sealed interface Grouping {

  String name();

  record ByType() implements Grouping {
    public String name() {
      return "type";
    }
  }

  record ByStatus() implements Grouping {
    public String name() {
      return "status";
    }
  }

  record ByContextId() implements Grouping {
    public String name() {
      return "contextId";
    }
  }

  record ByName() implements Grouping {
    public String name() {
      return "name";
    }
  }

  /** A top-level key of the trace's metadata; traces without it form the group of null. */
  record ByMetadataKey(String key) implements Grouping {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    public ByMetadataKey {
      Objects.requireNonNull(key, "key");
      if (!KEY.matcher(key).matches()) {
        throw new InvalidValueException("groupBy", "a metadata key has 1 to 100 letters, digits, '_', '-' or '.'");
      }
    }

    public String name() {
      return "metadata." + key;
    }
  }

  /** The start of the trace, in buckets of the given width. */
  record ByTime(TimeBucket bucket) implements Grouping {
    public ByTime {
      Objects.requireNonNull(bucket, "bucket");
    }

    public String name() {
      return "time";
    }
  }

  /**
   * Reads the API's form: {@code type}, {@code status}, {@code contextId}, {@code name}, {@code
   * metadata.<key>}, {@code time.<1m|5m|1h|1d>}.
   */
  static Grouping parse(String text, String field) {
    if (text == null) {
      throw new InvalidValueException(field, "must not be null");
    }
    return switch (text) {
      case "type" -> new ByType();
      case "status" -> new ByStatus();
      case "contextId" -> new ByContextId();
      case "name" -> new ByName();
      default -> {
        if (text.startsWith("metadata.")) {
          String key = text.substring("metadata.".length());
          if (!ByMetadataKey.KEY.matcher(key).matches()) {
            throw new InvalidValueException(field, "a metadata key has 1 to 100 letters, digits, '_', '-' or '.'");
          }
          yield new ByMetadataKey(key);
        }
        if (text.startsWith("time.")) {
          try {
            yield new ByTime(TimeBucket.ofLabel(text.substring("time.".length())));
          } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "time buckets are time.1m, time.5m, time.1h and time.1d");
          }
        }
        throw new InvalidValueException(
            field, "must be type, status, contextId, name, metadata.<key> or time.<1m|5m|1h|1d>");
      }
    };
  }
}
