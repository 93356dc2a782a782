package dev.tracemodule.infrastructure.query;

import dev.tracemodule.domain.query.AggregateRow;
import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.ErrorPattern;
import dev.tracemodule.domain.query.Grouping;
import dev.tracemodule.domain.query.Measure;
import dev.tracemodule.domain.query.PageCursor;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.query.TraceListRequest;
import dev.tracemodule.domain.query.TraceQueries;
import dev.tracemodule.domain.query.TraceSlice;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.trace.TraceSort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * {@link TraceQueries} in SQL on PostgreSQL. Listings find the ids of the slice in one statement
 * and load those traces through the repository; aggregations are computed by PostgreSQL and only
 * their rows come back.
 */
@ApplicationScoped
public class SqlTraceQueries implements TraceQueries {

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private TraceRepository traces;

  protected SqlTraceQueries() {}

  public SqlTraceQueries(EntityManager em, TraceRepository traces) {
    this.em = em;
    this.traces = traces;
  }

  @Override
  public TraceSlice list(TraceFilter filter, TraceListRequest request) {
    if (request.size() == 0) {
      return new TraceSlice(List.of(), request.byCursor() ? null : count(filter), null);
    }
    TraceSort sort = request.sort();
    Sql sql = new Sql().append("select t.id, t.started_at, coalesce(t.duration_ms, -1) from trace t");
    TraceFilterSql.where(filter, sql);
    if (request.byCursor()) {
      afterCursor(request.after(), sql);
    }
    sql.append(" order by ").append(orderBy(sort)).append(" limit ").integer(request.size());
    if (!request.byCursor() && request.offset() > 0) {
      sql.append(" offset ").integer(request.offset());
    }
    List<UUID> ids = new ArrayList<>();
    PageCursor last = run(sql, rows -> {
      PageCursor atRow = null;
      while (rows.next()) {
        UUID id = rows.getObject(1, UUID.class);
        ids.add(id);
        atRow = PageCursor.supports(sort) ? cursor(sort, rows, id) : null;
      }
      return atRow;
    });
    List<Trace> found = inOrder(filter, ids);
    PageCursor next = ids.size() == request.size() ? last : null;
    Long total = null;
    if (!request.byCursor()) {
      // A page that is neither full nor past the end tells the total without counting.
      boolean lastPage = !ids.isEmpty() && ids.size() < request.size();
      boolean onlyPageEmpty = ids.isEmpty() && request.offset() == 0;
      total = lastPage || onlyPageEmpty ? request.offset() + ids.size() : count(filter);
    }
    return new TraceSlice(found, total, next);
  }

  private long count(TraceFilter filter) {
    Sql sql = new Sql().append("select count(*) from trace t");
    TraceFilterSql.where(filter, sql);
    return run(sql, rows -> {
      rows.next();
      return rows.getLong(1);
    });
  }

  private static PageCursor cursor(TraceSort sort, ResultSet row, UUID id) throws SQLException {
    return sort.field() == TraceSort.Field.STARTED_AT
        ? PageCursor.afterStart(sort, row.getObject(2, OffsetDateTime.class).toInstant(), id)
        : PageCursor.afterDuration(sort, row.getDouble(3), id);
  }

  private static void afterCursor(PageCursor after, Sql sql) {
    String comparison = after.sort().descending() ? " < " : " > ";
    if (after.sort().field() == TraceSort.Field.STARTED_AT) {
      sql.append(" and (t.started_at, t.id)").append(comparison).append("(").instant(after.startedAt())
          .append(", ").uuid(after.lastId()).append(")");
    } else {
      sql.append(" and (coalesce(t.duration_ms, -1), t.id)").append(comparison).append("(")
          .number(after.durationMs()).append(", ").uuid(after.lastId()).append(")");
    }
  }

  private static String orderBy(TraceSort sort) {
    String direction = sort.descending() ? " desc" : " asc";
    String column =
        switch (sort.field()) {
          case STARTED_AT -> "t.started_at";
          // Active traces have no duration yet: they sort as -1, below every ended trace.
          case DURATION -> "coalesce(t.duration_ms, -1)";
          case COMPLETED_AT -> "t.completed_at";
          case NAME -> "t.name";
          case TYPE -> "t.type";
          case STATUS -> "t.status";
        };
    String nulls = sort.field() == TraceSort.Field.COMPLETED_AT ? " nulls last" : "";
    return column + direction + nulls + ", t.id" + direction;
  }

  private List<Trace> inOrder(TraceFilter filter, List<UUID> ids) {
    Map<UUID, Trace> byId =
        traces.findAll(filter.tenantId(), ids.stream().map(TraceId::new).toList()).stream()
            .collect(Collectors.toMap(trace -> trace.id().value(), Function.identity()));
    // A trace deleted between the two statements is left out.
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  @Override
  public List<AggregateRow> aggregate(TraceFilter filter, Aggregation aggregation) {
    List<Grouping> groups = aggregation.groupBy();
    boolean byLevel = aggregation.measures().contains(Measure.EVENTS_BY_LEVEL);
    Sql sql = new Sql().append("select ");
    for (int i = 0; i < groups.size(); i++) {
      groupExpression(groups.get(i), sql);
      sql.append(" as g").append(String.valueOf(i)).append(", ");
    }
    // Every measure has its column; one not asked for is a null, which costs nothing.
    Set<Measure> asked = aggregation.measures();
    sql.append("count(*)")
        .append(column(asked, Measure.AVG_DURATION, "avg(t.duration_ms)"))
        .append(column(asked, Measure.MIN_DURATION, "min(t.duration_ms)"))
        .append(column(asked, Measure.MAX_DURATION, "max(t.duration_ms)"))
        .append(column(asked, Measure.P50_DURATION, "percentile_cont(0.5) within group (order by t.duration_ms)"))
        .append(column(asked, Measure.P95_DURATION, "percentile_cont(0.95) within group (order by t.duration_ms)"))
        .append(column(asked, Measure.P99_DURATION, "percentile_cont(0.99) within group (order by t.duration_ms)"))
        .append(column(asked, Measure.ERROR_RATE, "avg(case when t.status = 'failed' or "
            + TraceFilterSql.hasEventOf(List.of(EventLevel.ERROR, EventLevel.CRITICAL), true, true)
            + " then 1.0 else 0.0 end)"));
    for (EventLevel level : EventLevel.values()) {
      sql.append(byLevel ? ", sum(coalesce(t." + TraceFilterSql.column(level) + ", live." + level.wireName() + "))" : ", null");
    }
    sql.append(" from trace t");
    if (byLevel) {
      // Ended traces carry their counts; only active ones are counted here, one index scan each.
      sql.append(" left join lateral (select ")
          .append(Arrays.stream(EventLevel.values())
              .map(level -> "count(*) filter (where e.level = '" + level.wireName() + "') as " + level.wireName())
              .collect(Collectors.joining(", ")))
          .append(" from event e where t.status = 'active' and e.tenant_id = t.tenant_id and e.trace_id = t.id)")
          .append(" live on true");
    }
    TraceFilterSql.where(filter, sql);
    if (!groups.isEmpty()) {
      String positions = java.util.stream.IntStream.rangeClosed(1, groups.size())
          .mapToObj(String::valueOf).collect(Collectors.joining(", "));
      sql.append(" group by ").append(positions).append(" order by ").append(positions);
    }
    sql.append(" limit ").integer(Aggregation.MAX_ROWS + 1);
    List<AggregateRow> rows = run(sql, result -> {
      List<AggregateRow> out = new ArrayList<>();
      while (result.next()) {
        out.add(row(groups, aggregation, result));
      }
      return out;
    });
    if (rows.size() > Aggregation.MAX_ROWS) {
      throw new InvalidValueException("aggregation.groupBy",
          "makes more than " + Aggregation.MAX_ROWS + " groups: narrow the filter or group more coarsely");
    }
    return rows;
  }

  // Ids first (a UUID, or a word of 8 or more hex digits, one of them a digit), then numbers,
  // then dotted runs of numbers (versions, decimals) as one.
  private static final String PATTERN_OF_MESSAGE =
      "regexp_replace(regexp_replace(regexp_replace(regexp_replace(coalesce(e.message, ''),"
          + " '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<id>', 'gi'),"
          + " '\\m(?=[0-9a-f]*[0-9])[0-9a-f]{8,}\\M', '<id>', 'gi'),"
          + " '[0-9]+', '<n>', 'g'), '<n>(\\.<n>)+', '<n>', 'g')";

  @Override
  public List<ErrorPattern> topErrors(TraceFilter filter, int limit) {
    Sql sql = new Sql()
        .append("select e.type, ").append(PATTERN_OF_MESSAGE).append(" as pattern, count(*),")
        .append(" min(e.trace_id::text), min(e.message)")
        .append(" from trace t join event e on e.tenant_id = t.tenant_id and e.trace_id = t.id")
        .append(" and e.level in ('error', 'critical')");
    TraceFilterSql.where(filter, sql);
    sql.append(" group by 1, 2 order by 3 desc, 1, 2 limit ").integer(limit);
    return run(sql, rows -> {
      List<ErrorPattern> patterns = new ArrayList<>();
      while (rows.next()) {
        patterns.add(new ErrorPattern(rows.getString(1), rows.getString(2), rows.getLong(3),
            new TraceId(UUID.fromString(rows.getString(4))), rows.getString(5)));
      }
      return patterns;
    });
  }

  private static String column(Set<Measure> asked, Measure measure, String expression) {
    return ", " + (asked.contains(measure) ? expression : "null");
  }

  private static void groupExpression(Grouping grouping, Sql sql) {
    if (grouping instanceof Grouping.ByType) {
      sql.append("t.type");
    } else if (grouping instanceof Grouping.ByStatus) {
      sql.append("t.status");
    } else if (grouping instanceof Grouping.ByContextId) {
      sql.append("t.context_id");
    } else if (grouping instanceof Grouping.ByName) {
      sql.append("t.name");
    } else if (grouping instanceof Grouping.ByMetadataKey key) {
      sql.append("t.metadata ->> ").text(key.key());
    } else if (grouping instanceof Grouping.ByTime time) {
      sql.append("date_bin(cast(").text(time.bucket().width().toSeconds() + " seconds")
          .append(" as interval), t.started_at, timestamptz '1970-01-01 00:00:00+00')");
    } else {
      throw new IllegalStateException("unknown grouping " + grouping);
    }
  }

  private static AggregateRow row(List<Grouping> groups, Aggregation aggregation, ResultSet result)
      throws SQLException {
    Map<String, String> group = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      group.put(groups.get(i).name(), groups.get(i) instanceof Grouping.ByTime
          ? instantText(result.getObject(i + 1, OffsetDateTime.class))
          : result.getString(i + 1));
    }
    int at = groups.size() + 1;
    var measures = aggregation.measures();
    Map<EventLevel, Long> byLevel = null;
    if (measures.contains(Measure.EVENTS_BY_LEVEL)) {
      byLevel = new EnumMap<>(EventLevel.class);
      for (EventLevel level : EventLevel.values()) {
        byLevel.put(level, result.getLong(at + 8 + level.ordinal()));
      }
    }
    return new AggregateRow(
        group,
        measures.contains(Measure.COUNT) ? result.getLong(at) : null,
        measures.contains(Measure.AVG_DURATION) ? nullableDouble(result, at + 1) : null,
        measures.contains(Measure.MIN_DURATION) ? nullableDouble(result, at + 2) : null,
        measures.contains(Measure.MAX_DURATION) ? nullableDouble(result, at + 3) : null,
        measures.contains(Measure.P50_DURATION) ? nullableDouble(result, at + 4) : null,
        measures.contains(Measure.P95_DURATION) ? nullableDouble(result, at + 5) : null,
        measures.contains(Measure.P99_DURATION) ? nullableDouble(result, at + 6) : null,
        measures.contains(Measure.ERROR_RATE) ? nullableDouble(result, at + 7) : null,
        byLevel);
  }

  private static Double nullableDouble(ResultSet result, int column) throws SQLException {
    double value = result.getDouble(column);
    return result.wasNull() ? null : value;
  }

  private static String instantText(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  @FunctionalInterface
  private interface RowsReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T run(Sql sql, RowsReader<T> reader) {
    return em.unwrap(Session.class).doReturningWork((Connection connection) -> {
      try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    });
  }
}
