package dev.tracemodule.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeOrderedIdsTest {

  private static final long MAX_48_BITS = (1L << 48) - 1;

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 1_740_823_200_123L, MAX_48_BITS})
  void isAVersion7UuidCarryingTheGivenMillis(long millis) {
    for (int i = 0; i < 100; i++) {
      UUID id = TimeOrderedIds.at(millis);

      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(id.getLeastSignificantBits() >>> 62).isEqualTo(0b10L);
      assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }
  }

  @Test
  void takesTheMillisFromTheClock() {
    Instant now = Instant.parse("2025-03-01T10:00:00.123456789Z");

    UUID id = TimeOrderedIds.next(Clock.fixed(now, ZoneOffset.UTC));

    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    assertThat(id.version()).isEqualTo(7);
  }

  @Test
  void idsOfLaterMillisecondsCompareGreater() {
    long millis = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    UUID previous = TimeOrderedIds.at(millis);
    for (int step = 1; step <= 1_000; step++) {
      UUID later = TimeOrderedIds.at(millis + step);

      long laterBits = later.getMostSignificantBits();
      long previousBits = previous.getMostSignificantBits();

      assertThat(Long.compareUnsigned(laterBits, previousBits)).isPositive();
      assertThat(later).isGreaterThan(previous);
      previous = later;
    }
  }

  @Test
  void idsOfTheSameMillisecondDifferByTheirRandomBits() {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TimeOrderedIds.at(1_740_823_200_000L));
    }

    assertThat(ids).hasSize(10_000);
  }
}
