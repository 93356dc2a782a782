package dev.tracemodule.infrastructure.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The text formats' view of a row's values. One per writer: it remembers the last day it wrote,
 * since the events of an export come a day's worth at a time, and formatting the date anew for
 * each of them was most of what writing an instant cost.
 */
final class RowText {

  private static final long MICROS_PER_SECOND = 1_000_000;
  private static final long SECONDS_PER_DAY = 86_400;
  /** 10000-01-01: from then on, and before 1970, {@link Instant#toString()} does the work. */
  private static final long LAST_FAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private long day = Long.MIN_VALUE;
  private String date;

  static String string(byte[] utf8) {
    return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
  }

  /** Microseconds since the epoch as ISO-8601 in UTC, exactly as {@link Instant#toString()} writes it. */
  String instant(long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int fraction = (int) Math.floorMod(micros, MICROS_PER_SECOND);
    long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
    if (epochDay < 0 || epochDay > LAST_FAST_DAY) {
      return Instant.ofEpochSecond(seconds, fraction * 1_000L).toString();
    }
    if (epochDay != day) {
      day = epochDay;
      date = LocalDate.ofEpochDay(epochDay).toString();
    }
    int secondOfDay = (int) (seconds - epochDay * SECONDS_PER_DAY);
    StringBuilder text = new StringBuilder(27).append(date).append('T');
    twoDigits(text, secondOfDay / 3600).append(':');
    twoDigits(text, secondOfDay / 60 % 60).append(':');
    twoDigits(text, secondOfDay % 60);
    if (fraction != 0) {
      // As ISO_INSTANT: milliseconds when they are all there is, microseconds otherwise.
      boolean millis = fraction % 1_000 == 0;
      int digits = millis ? fraction / 1_000 : fraction;
      String padded = Integer.toString(digits + (millis ? 1_000 : 1_000_000));
      text.append('.').append(padded, 1, padded.length());
    }
    return text.append('Z').toString();
  }

  String instant(Long micros) {
    return micros == null ? null : instant(micros.longValue());
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
