package dev.tracemodule.domain.shared;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort
 * later, which keeps B-tree inserts at the right edge of the index.
 */
public final class TimeOrderedIds {

  private TimeOrderedIds() {}

  public static UUID next(Clock clock) {
    return at(clock.millis());
  }

  static UUID at(long unixMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long mostSignificant = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(mostSignificant, leastSignificant);
  }
}
