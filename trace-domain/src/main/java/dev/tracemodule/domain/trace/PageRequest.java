package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.InvalidValueException;

/** A page of a listing: {@code page} counts from 0. */
public record PageRequest(int page, int size) {

  public static final int MAX_SIZE = 1_000;

  public PageRequest {
    if (page < 0) {
      throw new InvalidValueException("page", "must be at least 0");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidValueException("size", "must be between 1 and " + MAX_SIZE);
    }
  }

  public long offset() {
    return (long) page * size;
  }
}
