package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTest {

  private static final Instant AT = Instant.parse("2025-03-01T10:00:00.000001Z");
  private static final TraceId TRACE = new TraceId(new UUID(1, 1));
  private static final EventId ID = new EventId(new UUID(2, 1));

  private static Event event(EventLevel level, String message, JsonMap data, Double durationMs) {
    return new Event(
        TenantId.DEFAULT, TRACE, ID, null, "payment_declined", level, message, data, AT,
        durationMs);
  }

  @ParameterizedTest
  @CsvSource({"DEBUG, false", "INFO, false", "WARN, false", "ERROR, true", "CRITICAL, true"})
  void isAnErrorOnlyAtErrorOrCritical(EventLevel level, boolean error) {
    assertThat(event(level, null, null, null).isError()).isEqualTo(error);
  }

  @Test
  void hasDataOnlyWhenTheDataIsNotEmpty() {
    Event withData = event(EventLevel.INFO, null, JsonMap.of(Map.of("k", 1), "data"), null);
    Event withoutData = event(EventLevel.INFO, null, null, null);

    assertThat(withData.hasData()).isTrue();
    assertThat(withoutData.hasData()).isFalse();
    assertThat(withoutData.data()).isSameAs(JsonMap.EMPTY);
  }

  @Test
  void formatsLevelTypeMessageAndDuration() {
    assertThat(event(EventLevel.ERROR, "card expired", null, 12.5).formattedMessage())
        .isEqualTo("[ERROR] payment_declined: card expired (12.5 ms)");
  }

  @Test
  void formatsWithoutMessageOrDuration() {
    assertThat(event(EventLevel.INFO, null, null, null).formattedMessage())
        .isEqualTo("[INFO] payment_declined");
    assertThat(event(EventLevel.WARN, null, null, 3.0).formattedMessage())
        .isEqualTo("[WARN] payment_declined (3.0 ms)");
  }

  @Test
  void belongsOnlyToItsOwnTrace() {
    Event event = event(EventLevel.INFO, null, null, null);

    assertThat(event.belongsTo(TRACE)).isTrue();
    assertThat(event.belongsTo(new TraceId(new UUID(1, 2)))).isFalse();
  }

  @Test
  void exposesAnOptionalParent() {
    EventId parent = new EventId(new UUID(2, 0));
    Event child =
        new Event(TenantId.DEFAULT, TRACE, ID, parent, "t", EventLevel.INFO, null, null, AT, null);

    assertThat(child.parentId()).contains(parent);
    assertThat(event(EventLevel.INFO, null, null, null).parentId()).isEmpty();
  }
}
