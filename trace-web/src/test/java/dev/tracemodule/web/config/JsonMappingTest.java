package dev.tracemodule.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonMappingTest {

  record Stamped(Instant at) {}

  private static Instant read(String json) throws Exception {
    return JsonMapping.MAPPER.readValue(json, Stamped.class).at();
  }

  @Test
  void readsUtcTimestampsToTheNanosecond() throws Exception {
    assertThat(read("{\"at\":\"2026-11-22T10:15:30.123456789Z\"}"))
        .isEqualTo(Instant.parse("2026-11-22T10:15:30.123456789Z"));
    assertThat(read("{\"at\":\"2026-11-22T10:15:30Z\"}")).isEqualTo(Instant.parse("2026-11-22T10:15:30Z"));
  }

  @Test
  void movesAnOffsetToUtc() throws Exception {
    assertThat(read("{\"at\":\"2026-11-22T11:15:30.5+01:00\"}"))
        .isEqualTo(Instant.parse("2026-11-22T10:15:30.500Z"));
  }

  @Test
  void stillReadsWhatJacksonReads() throws Exception {
    assertThat(read("{\"at\":1700000000.25}")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
  }

  @Test
  void namesTheFieldOfATimestampItCannotRead() {
    JsonMappingException error =
        catchThrowableOfType(JsonMappingException.class, () -> read("{\"at\":\"yesterday\"}"));
    assertThat(error.getPath()).extracting(JsonMappingException.Reference::getFieldName).containsExactly("at");
    assertThat(error.getOriginalMessage()).contains("yesterday");
  }
}
