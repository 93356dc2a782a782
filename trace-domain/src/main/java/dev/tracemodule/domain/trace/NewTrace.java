package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.JsonMap;
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
    FieldChecks checks = new FieldChecks();
    contextId = checks.requiredText("contextId", contextId, MAX_ID_LENGTH);
    executionId = checks.optionalText("executionId", executionId, MAX_ID_LENGTH);
    checks.check(type != null, "type", "must not be null");
    name = checks.requiredText("name", name, MAX_NAME_LENGTH);
    description = checks.optionalText("description", description, MAX_DESCRIPTION_LENGTH);
    metadata = Objects.requireNonNullElse(metadata, JsonMap.EMPTY);
    tags = distinctTags(tags, checks);
    checks.throwIfAny();
  }

  private static List<String> distinctTags(List<String> tags, FieldChecks checks) {
    if (tags == null || tags.isEmpty()) {
      return List.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      String tag = checks.requiredText("tags[" + i + "]", tags.get(i), MAX_TAG_LENGTH);
      if (tag != null) {
        distinct.add(tag);
      }
    }
    checks.check(distinct.size() <= MAX_TAGS, "tags", "must hold at most " + MAX_TAGS + " tags");
    return List.copyOf(distinct);
  }
}
