package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a caller says about a trace it starts. Checked here so a trace is never half valid. */
public record NewTrace(
    String contextId,
    String executionId,
    TraceType type,
    String name,
    String description,
    JsonMap metadata,
    List<String> tags) {

  public static final int MAX_ID_LENGTH = 255;
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_DESCRIPTION_LENGTH = 4_000;
  public static final int MAX_TAGS = 64;
  public static final int MAX_TAG_LENGTH = 100;

  public NewTrace {
    contextId = Text.required(contextId, "contextId", MAX_ID_LENGTH);
    executionId = Text.optional(executionId, "executionId", MAX_ID_LENGTH);
    if (type == null) {
      throw new InvalidValueException("type", "must not be null");
    }
    name = Text.required(name, "name", MAX_NAME_LENGTH);
    description = Text.optional(description, "description", MAX_DESCRIPTION_LENGTH);
    metadata = Objects.requireNonNullElse(metadata, JsonMap.EMPTY);
    tags = distinctTags(tags);
  }

  private static List<String> distinctTags(List<String> tags) {
    if (tags == null || tags.isEmpty()) {
      return List.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      distinct.add(Text.required(tags.get(i), "tags[" + i + "]", MAX_TAG_LENGTH));
    }
    if (distinct.size() > MAX_TAGS) {
      throw new InvalidValueException("tags", "must hold at most " + MAX_TAGS + " tags");
    }
    return List.copyOf(distinct);
  }
}
