package dev.tracemodule.domain.query;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.trace.TraceSort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a keyset page ends: the sort value and id of its last trace. The next page starts after
 * it, so traces that arrive meanwhile neither repeat nor shift a row. Opaque to clients: they get
 * it as a short base64url string and hand it back unchanged.
 *
 * <p>Sorting by duration puts a trace still running (no duration yet) with duration -1, below
 * every ended trace.
 */
public record PageCursor(TraceSort sort, Instant startedAt, double durationMs, UUID lastId) {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  public PageCursor {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(lastId, "lastId");
    if (!supports(sort)) {
      throw new InvalidValueException("sortBy", "cursor paging sorts by startedAt or duration");
    }
    if (sort.field() == TraceSort.Field.STARTED_AT) {
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  public static boolean supports(TraceSort sort) {
    return sort.field() == TraceSort.Field.STARTED_AT || sort.field() == TraceSort.Field.DURATION;
  }

  public static PageCursor afterStart(TraceSort sort, Instant startedAt, UUID lastId) {
    return new PageCursor(sort, startedAt, 0, lastId);
  }

  public static PageCursor afterDuration(TraceSort sort, double durationMs, UUID lastId) {
    return new PageCursor(sort, null, durationMs, lastId);
  }

  public String encode() {
    String value =
        sort.field() == TraceSort.Field.STARTED_AT
            ? startedAt.getEpochSecond() + "." + startedAt.getNano()
            : Double.toString(durationMs);
    String text = (sort.field() == TraceSort.Field.STARTED_AT ? "s" : "d") + (sort.descending() ? "-" : "+")
        + "|" + value + "|" + lastId;
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a cursor this class wrote; anything else is an invalid {@code cursor}. */
  public static PageCursor decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length != 3 || parts[0].length() != 2) {
        throw new IllegalArgumentException("malformed");
      }
      boolean byStart = parts[0].charAt(0) == 's';
      if (!byStart && parts[0].charAt(0) != 'd') {
        throw new IllegalArgumentException("unknown sort");
      }
      boolean descending = switch (parts[0].charAt(1)) {
        case '-' -> true;
        case '+' -> false;
        default -> throw new IllegalArgumentException("unknown direction");
      };
      UUID id = UUID.fromString(parts[2]);
      if (byStart) {
        String[] instant = parts[1].split("\\.");
        return afterStart(new TraceSort(TraceSort.Field.STARTED_AT, descending),
            Instant.ofEpochSecond(Long.parseLong(instant[0]), Long.parseLong(instant[1])), id);
      }
      double duration = Double.parseDouble(parts[1]);
      if (Double.isNaN(duration) || Double.isInfinite(duration)) {
        throw new IllegalArgumentException("bad duration");
      }
      return afterDuration(new TraceSort(TraceSort.Field.DURATION, descending), duration, id);
    } catch (RuntimeException e) {
      throw new InvalidValueException("cursor", "is not a cursor this service gave out");
    }
  }
}
