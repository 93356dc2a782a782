package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NewEventTest {

  private static final EventId ID = new EventId(new UUID(2, 1));

  private static NewEvent event(EventId id, String type, String message, EventId parentId) {
    return new NewEvent(id, type, null, message, null, null, null, parentId);
  }

  private static NewEvent withDuration(Double durationMs) {
    return new NewEvent(null, "t", null, null, null, null, durationMs, null);
  }

  @Test
  void refusesTheNulCharacterInEveryTextField() {
    InvalidValueException error =
        catchThrowableOfType(InvalidValueException.class, () -> event(null, "a\u0000", "b\u0000", null));

    assertThat(error.violations())
        .extracting(InvalidValueException.Violation::field)
        .containsExactly("type", "message");
  }

  @Test
  void defaultsLevelDataAndBlankMessage() {
    NewEvent event = new NewEvent(null, "  step  ", null, "   ", null, null, null, null);

    assertThat(event.type()).isEqualTo("step");
    assertThat(event.level()).isEqualTo(EventLevel.INFO);
    assertThat(event.message()).isNull();
    assertThat(event.data()).isSameAs(JsonMap.EMPTY);
  }

  @Test
  void keepsGivenValuesStripped() {
    EventId parent = new EventId(new UUID(2, 0));
    NewEvent event =
        new NewEvent(ID, "step", EventLevel.ERROR, " failed ", null, null, 0.0, parent);

    assertThat(event.id()).isEqualTo(ID);
    assertThat(event.level()).isEqualTo(EventLevel.ERROR);
    assertThat(event.message()).isEqualTo("failed");
    assertThat(event.durationMs()).isZero();
    assertThat(event.parentId()).isEqualTo(parent);
  }

  @Test
  void acceptsTextAtItsLimits() {
    NewEvent event =
        new NewEvent(
            null,
            "t".repeat(NewEvent.MAX_TYPE_LENGTH),
            null,
            "m".repeat(NewEvent.MAX_MESSAGE_LENGTH),
            null,
            null,
            null,
            null);

    assertThat(event.type()).hasSize(NewEvent.MAX_TYPE_LENGTH);
    assertThat(event.message()).hasSize(NewEvent.MAX_MESSAGE_LENGTH);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesADurationThatIsNotAFiniteNonNegativeNumber(double durationMs) {
    InvalidValueException error =
        catchThrowableOfType(InvalidValueException.class, () -> withDuration(durationMs));

    assertThat(error.field()).isEqualTo("durationMs");
  }

  static Stream<Arguments> invalidInputs() {
    String longType = "t".repeat(NewEvent.MAX_TYPE_LENGTH + 1);
    String longMessage = "m".repeat(NewEvent.MAX_MESSAGE_LENGTH + 1);
    EventId sameAsId = new EventId(ID.value());
    return Stream.of(
        invalid("type", "null type", () -> event(null, null, null, null)),
        invalid("type", "blank type", () -> event(null, " \n", null, null)),
        invalid("type", "long type", () -> event(null, longType, null, null)),
        invalid("message", "long message", () -> event(null, "t", longMessage, null)),
        invalid("parentEventId", "own parent", () -> event(ID, "t", null, sameAsId)));
  }

  private static Arguments invalid(String field, String caseName, ThrowingCallable create) {
    return Arguments.of(caseName, field, create);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void namesTheFieldAtFault(String caseName, String field, ThrowingCallable create) {
    InvalidValueException error = catchThrowableOfType(InvalidValueException.class, create);

    assertThat(error).as(caseName).isNotNull();
    assertThat(error.field()).isEqualTo(field);
  }
}
