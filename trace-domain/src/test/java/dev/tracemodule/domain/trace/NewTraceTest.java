package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NewTraceTest {

  private static final TraceType TYPE = TraceType.WORKFLOW_EXECUTION;

  private static NewTrace trace(
      String contextId, String executionId, TraceType type, String name, String description) {
    return new NewTrace(contextId, executionId, type, name, description, null, null);
  }

  private static NewTrace withTags(List<String> tags) {
    return new NewTrace("ctx", null, TYPE, "name", null, null, tags);
  }

  private static List<String> distinctTags(int count) {
    return IntStream.range(0, count).mapToObj(i -> "tag-" + i).toList();
  }

  @Test
  void stripsTextAndDefaultsOptionalValues() {
    NewTrace trace = new NewTrace("  ctx  ", "  ", TYPE, "\tname\n", "", null, null);

    assertThat(trace.contextId()).isEqualTo("ctx");
    assertThat(trace.executionId()).isNull();
    assertThat(trace.name()).isEqualTo("name");
    assertThat(trace.description()).isNull();
    assertThat(trace.metadata()).isSameAs(JsonMap.EMPTY);
    assertThat(trace.tags()).isEmpty();
  }

  @Test
  void keepsOptionalValuesStripped() {
    NewTrace trace = new NewTrace("ctx", " exec ", TYPE, "name", " about ", null, null);

    assertThat(trace.executionId()).isEqualTo("exec");
    assertThat(trace.description()).isEqualTo("about");
  }

  @Test
  void stripsAndDeduplicatesTagsInFirstSeenOrder() {
    NewTrace trace = withTags(Arrays.asList(" b", "a", "b ", "c", "a"));

    assertThat(trace.tags()).containsExactly("b", "a", "c");
  }

  @Test
  void copiesTagsIntoAnUnmodifiableList() {
    List<String> source = new ArrayList<>(List.of("a"));
    NewTrace trace = withTags(source);
    source.add("b");

    assertThat(trace.tags()).containsExactly("a");
    assertThatThrownBy(() -> trace.tags().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsValuesAtTheirLimits() {
    NewTrace trace =
        new NewTrace(
            "c".repeat(NewTrace.MAX_ID_LENGTH),
            "e".repeat(NewTrace.MAX_ID_LENGTH),
            TYPE,
            "n".repeat(NewTrace.MAX_NAME_LENGTH),
            "d".repeat(NewTrace.MAX_DESCRIPTION_LENGTH),
            null,
            List.of("t".repeat(NewTrace.MAX_TAG_LENGTH)));

    assertThat(trace.contextId()).hasSize(NewTrace.MAX_ID_LENGTH);
    assertThat(trace.executionId()).hasSize(NewTrace.MAX_ID_LENGTH);
    assertThat(trace.name()).hasSize(NewTrace.MAX_NAME_LENGTH);
    assertThat(trace.description()).hasSize(NewTrace.MAX_DESCRIPTION_LENGTH);
    assertThat(trace.tags()).containsExactly("t".repeat(NewTrace.MAX_TAG_LENGTH));
  }

  @Test
  void countsTagsAfterRemovingDuplicates() {
    List<String> tags = new ArrayList<>(distinctTags(NewTrace.MAX_TAGS));
    tags.add("tag-0");

    assertThat(withTags(tags).tags()).hasSize(NewTrace.MAX_TAGS);
  }

  static Stream<Arguments> invalidInputs() {
    String longId = "x".repeat(NewTrace.MAX_ID_LENGTH + 1);
    String longName = "n".repeat(NewTrace.MAX_NAME_LENGTH + 1);
    String longDescription = "d".repeat(NewTrace.MAX_DESCRIPTION_LENGTH + 1);
    String longTag = "t".repeat(NewTrace.MAX_TAG_LENGTH + 1);
    return Stream.of(
        invalid("contextId", "null context", () -> trace(null, null, TYPE, "n", null)),
        invalid("contextId", "blank context", () -> trace(" ", null, TYPE, "n", null)),
        invalid("contextId", "long context", () -> trace(longId, null, TYPE, "n", null)),
        invalid("executionId", "long execution", () -> trace("c", longId, TYPE, "n", null)),
        invalid("type", "null type", () -> trace("c", null, null, "n", null)),
        invalid("name", "null name", () -> trace("c", null, TYPE, null, null)),
        invalid("name", "blank name", () -> trace("c", null, TYPE, "\t", null)),
        invalid("name", "long name", () -> trace("c", null, TYPE, longName, null)),
        invalid("description", "long description", () -> trace("c", null, TYPE, "n", longDescription)),
        invalid("tags[1]", "blank tag", () -> withTags(List.of("ok", " "))),
        invalid("tags[0]", "null tag", () -> withTags(Arrays.asList((String) null))),
        invalid("tags[0]", "long tag", () -> withTags(List.of(longTag))),
        invalid("tags", "too many tags", () -> withTags(distinctTags(NewTrace.MAX_TAGS + 1))));
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
