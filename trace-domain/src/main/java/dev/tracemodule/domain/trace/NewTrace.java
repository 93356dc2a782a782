package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.JsonMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * What a caller says about a trace it starts. Checked here so a trace is never half valid.
 *
 * @param otelTraceId the OpenTelemetry trace the caller was in (32 hex digits), or null
 * @param otelSpanId the caller's span in it (16 hex digits), or null
 */
public record NewTrace(
    String contextId,
    String executionId,
    TraceType type,
    String name,
    String description,
    JsonMap metadata,
    List<String> tags,
    String otelTraceId,
    String otelSpanId) {

  public static final int MAX_ID_LENGTH = 255;
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_DESCRIPTION_LENGTH = 4_000;
  public static final int MAX_TAGS = 64;
  public static final int MAX_TAG_LENGTH = 100;
  private static final Pattern OTEL_TRACE = Pattern.compile("(?!0{32})[0-9a-f]{32}");
  private static final Pattern OTEL_SPAN = Pattern.compile("(?!0{16})[0-9a-f]{16}");

  public NewTrace {
    FieldChecks checks = new FieldChecks();
    contextId = checks.requiredText("contextId", contextId, MAX_ID_LENGTH);
    executionId = checks.optionalText("executionId", executionId, MAX_ID_LENGTH);
    checks.check(type != null, "type", "must not be null");
    name = checks.requiredText("name", name, MAX_NAME_LENGTH);
    description = checks.optionalText("description", description, MAX_DESCRIPTION_LENGTH);
    metadata = Objects.requireNonNullElse(metadata, JsonMap.EMPTY);
    tags = distinctTags(tags, checks);
    otelTraceId = otelTraceId == null || otelTraceId.isBlank() ? null : otelTraceId.strip().toLowerCase(Locale.ROOT);
    otelSpanId = otelSpanId == null || otelSpanId.isBlank() ? null : otelSpanId.strip().toLowerCase(Locale.ROOT);
    checks.check(otelTraceId == null || OTEL_TRACE.matcher(otelTraceId).matches(), "otelTraceId",
        "must be 32 hex digits, not all zero");
    checks.check(otelSpanId == null || OTEL_SPAN.matcher(otelSpanId).matches(), "otelSpanId",
        "must be 16 hex digits, not all zero");
    checks.check(otelSpanId == null || otelTraceId != null, "otelSpanId", "needs otelTraceId");
    checks.throwIfAny();
  }

  /** A trace outside any OpenTelemetry trace. */
  public NewTrace(String contextId, String executionId, TraceType type, String name, String description,
      JsonMap metadata, List<String> tags) {
    this(contextId, executionId, type, name, description, metadata, tags, null, null);
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
