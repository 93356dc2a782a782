package dev.tracemodule.domain.query;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.trace.TraceSort;
import java.util.Objects;

/**
 * Which slice of the filtered traces to list: by page number (counted from 0, with a total), or
 * after a cursor from the previous slice (keyset: stable while new traces arrive, no total).
 * A size of 0 lists nothing, for a request that only aggregates.
 */
public record TraceListRequest(int page, int size, PageCursor after, TraceSort sort) {

  public static final int MAX_SIZE = 1_000;

  public TraceListRequest {
    Objects.requireNonNull(sort, "sort");
    if (page < 0) {
      throw new InvalidValueException("page", "must be at least 0");
    }
    if (size < 0 || size > MAX_SIZE) {
      throw new InvalidValueException("size", "must be between 0 and " + MAX_SIZE);
    }
    if (after != null) {
      if (page != 0) {
        throw new InvalidValueException("page", "must be 0 (or absent) with a cursor");
      }
      if (!after.sort().equals(sort)) {
        throw new InvalidValueException("cursor", "was made for another sort order");
      }
    }
  }

  public boolean byCursor() {
    return after != null;
  }

  public long offset() {
    return (long) page * size;
  }
}
