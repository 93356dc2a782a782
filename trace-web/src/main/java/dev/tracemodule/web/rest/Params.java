package dev.tracemodule.web.rest;

import dev.tracemodule.api.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Path and query parameters, converted here rather than by the JAX-RS runtime so that a bad value
 * is a 400 naming the parameter, the same on every server.
 */
final class Params {

  private Params() {}

  static UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException(name, "must be a UUID such as 0190f1a2-7c3e-7b4d-9e1f-2a3b4c5d6e7f");
    }
  }

  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  static Boolean bool(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new InvalidInputException(name, "must be true or false");
    };
  }

  static int integer(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name, "must be a whole number");
    }
  }

  static Double number(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double number = Double.parseDouble(value.strip());
      if (Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new InvalidInputException(name, "must be a number");
  }

  /** Values of a repeatable parameter, each of which may also be a comma-separated list. */
  static <E extends Enum<E>> Set<E> enums(String name, List<String> values, Class<E> type) {
    Set<E> result = new LinkedHashSet<>();
    for (String value : split(values)) {
      result.add(enumValue(name, value, type));
    }
    return result;
  }

  static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.strip())) {
        return constant;
      }
    }
    throw new InvalidInputException(name, "must be one of: " + wireNames(type));
  }

  static Set<String> strings(List<String> values) {
    return new LinkedHashSet<>(split(values));
  }

  private static List<String> split(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  static <E extends Enum<E>> String wireNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
