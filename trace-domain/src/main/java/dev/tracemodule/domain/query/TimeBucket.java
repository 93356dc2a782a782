package dev.tracemodule.domain.query;

import java.time.Duration;

/** The width of a time group; buckets start at whole multiples of it since the Unix epoch. */
public enum TimeBucket {
  MINUTE("1m", Duration.ofMinutes(1)),
  FIVE_MINUTES("5m", Duration.ofMinutes(5)),
  HOUR("1h", Duration.ofHours(1)),
  DAY("1d", Duration.ofDays(1));

  private final String label;
  private final Duration width;

  TimeBucket(String label, Duration width) {
    this.label = label;
    this.width = width;
  }

  /** As the API writes it: {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}. */
  public String label() {
    return label;
  }

  public Duration width() {
    return width;
  }

  public static TimeBucket ofLabel(String label) {
    for (TimeBucket bucket : values()) {
      if (bucket.label.equals(label)) {
        return bucket;
      }
    }
    throw new IllegalArgumentException("no time bucket " + label);
  }
}
