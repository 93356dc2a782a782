package dev.tracemodule.infrastructure.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowTextTest {

  private final RowText text = new RowText();

  @Test
  void instantsAreWrittenAsInstantToStringWritesThem() {
    SplittableRandom random = new SplittableRandom(42);
    long from = micros("1960-01-01T00:00:00Z");
    long to = micros("2100-01-01T00:00:00Z");
    long previous = micros("2026-06-01T09:00:00Z");
    for (int i = 0; i < 200_000; i++) {
      // Runs of nearby instants, as an export's are, and jumps anywhere.
      long micros = i % 10 == 0 ? random.nextLong(from, to) : previous + random.nextLong(-5_000_000, 5_000_000);
      micros = switch (i % 4) {
        case 0 -> micros - Math.floorMod(micros, 1_000_000); // whole seconds
        case 1 -> micros - Math.floorMod(micros, 1_000); // milliseconds
        default -> micros;
      };
      assertThat(text.instant(micros)).isEqualTo(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString());
      previous = micros;
    }
  }

  @Test
  void theEdgesOfTheFastPath() {
    for (String instant : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
        "9999-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00Z", "2026-02-28T23:59:59.000001Z",
        "2024-02-29T12:00:00.100Z"}) {
      assertThat(text.instant(micros(instant))).isEqualTo(instant);
    }
    assertThat(text.instant((Long) null)).isNull();
  }

  private static long micros(String instant) {
    Instant at = Instant.parse(instant);
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
  }
}
