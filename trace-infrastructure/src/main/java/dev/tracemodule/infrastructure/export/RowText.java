package dev.tracemodule.infrastructure.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The text formats' view of a row's values. */
final class RowText {

  private static final long MICROS_PER_SECOND = 1_000_000;

  private RowText() {}

  static String string(byte[] utf8) {
    return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
  }

  /** Microseconds since the epoch as ISO-8601 in UTC, as {@link Instant#toString()} writes it. */
  static String instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
        Math.floorMod(micros, MICROS_PER_SECOND) * 1_000).toString();
  }

  static String instant(Long micros) {
    return micros == null ? null : instant(micros.longValue());
  }
}
