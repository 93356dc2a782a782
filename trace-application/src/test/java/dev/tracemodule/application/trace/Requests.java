package dev.tracemodule.application.trace;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceEventRequest;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceStatus;
import dev.tracemodule.api.TraceType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Valid API requests by default, so that a test states only what it is about. */
final class Requests {

  private Requests() {}

  static TraceBuilder trace(String contextId) {
    return new TraceBuilder(contextId);
  }

  static EventBuilder event(String type) {
    return new EventBuilder(type);
  }

  static QueryBuilder query() {
    return new QueryBuilder();
  }

  static final class TraceBuilder {
    private final String contextId;
    private TraceType type = TraceType.CUSTOM;
    private String name = "a trace";
    private Map<String, Object> metadata = Map.of();
    private List<String> tags = List.of();

    private TraceBuilder(String contextId) {
      this.contextId = contextId;
    }

    TraceBuilder type(TraceType type) {
      this.type = type;
      return this;
    }

    TraceBuilder name(String name) {
      this.name = name;
      return this;
    }

    TraceBuilder metadata(Map<String, Object> metadata) {
      this.metadata = metadata;
      return this;
    }

    TraceBuilder tags(String... tags) {
      this.tags = List.of(tags);
      return this;
    }

    CreateTraceRequest build() {
      return new CreateTraceRequest(contextId, null, type, name, null, metadata, tags);
    }
  }

  static final class EventBuilder {
    private final String type;
    private UUID id;
    private EventLevel level;
    private Instant timestamp;
    private Double durationMs;
    private UUID parentEventId;

    private EventBuilder(String type) {
      this.type = type;
    }

    EventBuilder id(UUID id) {
      this.id = id;
      return this;
    }

    EventBuilder level(EventLevel level) {
      this.level = level;
      return this;
    }

    EventBuilder at(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    EventBuilder durationMs(double durationMs) {
      this.durationMs = durationMs;
      return this;
    }

    EventBuilder parent(UUID parentEventId) {
      this.parentEventId = parentEventId;
      return this;
    }

    RecordEventRequest build() {
      return new RecordEventRequest(
          id, type, level, null, null, timestamp, durationMs, parentEventId);
    }

    /** The event as an item of a batch that spans traces. */
    TraceEventRequest in(UUID traceId) {
      return new TraceEventRequest(
          traceId, id, type, level, null, null, timestamp, durationMs, parentEventId);
    }
  }

  static final class QueryBuilder {
    private String contextId;
    private Set<TraceType> types;
    private Set<TraceStatus> statuses;
    private Instant from;
    private Instant to;
    private Boolean hasErrors;
    private Set<String> tags;
    private TraceQuery.SortField sortBy;
    private TraceQuery.SortDirection direction;
    private int page = 0;
    private int size = TraceQuery.DEFAULT_SIZE;

    QueryBuilder contextId(String contextId) {
      this.contextId = contextId;
      return this;
    }

    QueryBuilder types(TraceType... types) {
      this.types = Set.of(types);
      return this;
    }

    QueryBuilder statuses(TraceStatus... statuses) {
      this.statuses = Set.of(statuses);
      return this;
    }

    QueryBuilder startedBetween(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    QueryBuilder hasErrors(boolean hasErrors) {
      this.hasErrors = hasErrors;
      return this;
    }

    QueryBuilder tags(String... tags) {
      this.tags = Set.of(tags);
      return this;
    }

    QueryBuilder sortBy(TraceQuery.SortField sortBy, TraceQuery.SortDirection direction) {
      this.sortBy = sortBy;
      this.direction = direction;
      return this;
    }

    QueryBuilder page(int page, int size) {
      this.page = page;
      this.size = size;
      return this;
    }

    TraceQuery build() {
      return new TraceQuery(
          contextId, types, statuses, from, to, hasErrors, tags, sortBy, direction, page, size);
    }
  }
}
