package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.trace.EventId;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * OpenTelemetry ids as lower-case hex (a trace id of 32 digits, a span id of 16), and the event
 * ids they map to. An event's id is made from its span's id alone (with the trace's, for
 * uniqueness), so a child names its parent's event without looking it up, and a span sent twice
 * maps to the same event: a retry stores nothing new.
 */
public final class OtelIds {

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String ZERO_TRACE = "0".repeat(32);

  private OtelIds() {}

  public static boolean isTraceId(String hex) {
    return hex != null && TRACE_ID.matcher(hex).matches() && !hex.equals(ZERO_TRACE);
  }

  public static String normalised(String hex) {
    return hex == null ? null : hex.toLowerCase(Locale.ROOT);
  }

  /**
   * The event of a span: a UUID of version 8 (RFC 9562, custom) holding the span id and half of
   * the trace id.
   */
  public static EventId eventOfSpan(String traceId, String spanId) {
    return eventOf(Long.parseUnsignedLong(spanId, 16), Long.parseUnsignedLong(traceId.substring(16), 16));
  }

  /** The event of a span's {@code index}th span event (its own timed event inside the span). */
  public static EventId eventOfSpanEvent(String traceId, String spanId, int index) {
    long low = Long.parseUnsignedLong(traceId.substring(16), 16) ^ (0x9E3779B97F4A7C15L * (index + 1));
    return eventOf(Long.parseUnsignedLong(spanId, 16) ^ Long.rotateLeft(index + 1L, 32), low);
  }

  /**
   * The id of the trace an OpenTelemetry trace becomes: a UUIDv7 with the time the first of its
   * spans began, so that it sorts and is partitioned with traces of that day; the rest from the
   * OpenTelemetry id.
   */
  public static UUID traceFor(String traceId, Instant firstSeenStart) {
    long millis = Math.max(0, firstSeenStart.toEpochMilli());
    long high = Long.parseUnsignedLong(traceId.substring(0, 16), 16);
    long low = Long.parseUnsignedLong(traceId.substring(16), 16);
    long mostSignificant = (millis << 16) | 0x7000L | (high & 0x0FFFL);
    long leastSignificant = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(mostSignificant, leastSignificant);
  }

  private static EventId eventOf(long high, long low) {
    long mostSignificant = (high & 0xFFFF_FFFF_FFFF_0FFFL) | 0x8000L; // version 8
    long leastSignificant = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // variant
    // The version nibble took four bits of the span id: put them back in the spare low bits.
    leastSignificant ^= ((high >>> 12) & 0xFL) << 58;
    return new EventId(new UUID(mostSignificant, leastSignificant));
  }
}
