package dev.tracemodule.infrastructure.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceStatus;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The where clause of a {@link TraceFilter} over {@code trace t}.
 *
 * <p>Event filters (hasErrors, minEventLevel) read the event counts an ended trace keeps on its
 * row; only active traces, whose counts are not written yet, look into their events.
 */
public final class TraceFilterSql {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceFilterSql() {}

  public static void where(TraceFilter filter, Sql sql) {
    sql.append(" where t.tenant_id = ").text(filter.tenantId().value());
    if (!filter.contextIds().isEmpty()) {
      sql.append(" and t.context_id = any(").texts(filter.contextIds()).append(")");
    }
    if (filter.executionId() != null) {
      sql.append(" and t.execution_id = ").text(filter.executionId());
    }
    if (!filter.types().isEmpty()) {
      sql.append(" and t.type = any(").texts(Sql.wire(filter.types())).append(")");
    }
    if (!filter.statuses().isEmpty()) {
      sql.append(" and t.status = any(").texts(Sql.wire(filter.statuses())).append(")");
    }
    if (filter.startedFrom() != null) {
      sql.append(" and t.started_at >= ").instant(filter.startedFrom());
    }
    if (filter.startedTo() != null) {
      sql.append(" and t.started_at < ").instant(filter.startedTo());
    }
    if (!filter.tagsAny().isEmpty()) {
      sql.append(" and t.tags && cast(").texts(filter.tagsAny()).append(" as varchar[])");
    }
    if (!filter.tagsAll().isEmpty()) {
      sql.append(" and t.tags @> cast(").texts(filter.tagsAll()).append(" as varchar[])");
    }
    if (filter.nameContains() != null) {
      sql.append(" and t.name ilike ").text("%" + likeEscaped(filter.nameContains()) + "%");
    }
    if (filter.minDurationMs() != null) {
      sql.append(" and t.duration_ms >= ").number(filter.minDurationMs());
    }
    if (filter.maxDurationMs() != null) {
      sql.append(" and t.duration_ms <= ").number(filter.maxDurationMs());
    }
    if (!filter.metadataContains().isEmpty()) {
      sql.append(" and t.metadata @> ").json(json(filter.metadataContains().asMap()));
    }
    boolean activeIncluded = filter.statuses().isEmpty() || filter.statuses().contains(TraceStatus.ACTIVE);
    boolean endedIncluded = !filter.statuses().equals(Set.of(TraceStatus.ACTIVE));
    if (filter.hasErrors() != null) {
      List<EventLevel> errors = List.of(EventLevel.ERROR, EventLevel.CRITICAL);
      sql.append(" and ").append(
          filter.hasErrors()
              ? hasEventOf(errors, activeIncluded, endedIncluded)
              : hasNoEventOf(errors, activeIncluded, endedIncluded));
    }
    if (filter.minEventLevel() != null) {
      List<EventLevel> levels =
          Arrays.stream(EventLevel.values()).filter(level -> level.isAtLeast(filter.minEventLevel())).toList();
      sql.append(" and ").append(hasEventOf(levels, activeIncluded, endedIncluded));
    }
  }

  /**
   * True for a trace with an event of one of {@code levels}. Written as the plain counter test
   * when the filter leaves active traces out, so that the partial index of traces with errors
   * can serve it.
   */
  static String hasEventOf(List<EventLevel> levels, boolean activeIncluded, boolean endedIncluded) {
    String counted = "(" + levels.stream().map(level -> "t." + column(level) + " > 0").collect(Collectors.joining(" or ")) + ")";
    String live = "(t.status = 'active' and " + liveEvent(levels) + ")";
    if (!activeIncluded) {
      return counted;
    }
    return endedIncluded ? "(" + counted + " or " + live + ")" : live;
  }

  static String hasNoEventOf(List<EventLevel> levels, boolean activeIncluded, boolean endedIncluded) {
    String counted = "(t.status <> 'active' and "
        + levels.stream().map(level -> "t." + column(level) + " = 0").collect(Collectors.joining(" and ")) + ")";
    String live = "(t.status = 'active' and not " + liveEvent(levels) + ")";
    if (!activeIncluded) {
      return counted;
    }
    return endedIncluded ? "(" + counted + " or " + live + ")" : live;
  }

  private static String liveEvent(List<EventLevel> levels) {
    return "exists (select 1 from event e where e.tenant_id = t.tenant_id and e.trace_id = t.id and e.level in ("
        + levels.stream().map(level -> "'" + level.wireName() + "'").collect(Collectors.joining(", ")) + "))";
  }

  /** The column of an ended trace's row that counts its events of {@code level}. */
  static String column(EventLevel level) {
    return level.wireName() + "_events";
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
