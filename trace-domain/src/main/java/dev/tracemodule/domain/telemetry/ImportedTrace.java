package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The Trace an OpenTelemetry trace becomes, assembled from its spans in whatever order and
 * however many requests they arrive in.
 *
 * <p>Until its root span arrives the trace is active, named after the first span seen and started
 * at the earliest; the root gives it its name, type, context, start, and its end: completed, or
 * failed when the root's status is an error. Spans that arrive after the root still join it (a
 * service's exporter may be late); they are history, not a new turn of its lifecycle, which is
 * why an imported trace takes events in any status, unlike one recorded through the API.
 *
 * <p>Its type is {@code api_request} unless the root's (or first span's) attribute or resource
 * attribute {@code trace.type} names another; its context id is a resource attribute (by default
 * {@code service.name}).
 */
public final class ImportedTrace {

  /** The attribute (of a span or its resource) that names a trace's type. */
  public static final String TYPE_ATTRIBUTE = "trace.type";
  /** The attribute of a span that names the object (ObjectTwin) it concerns. */
  public static final String OBJECT_ATTRIBUTE = "trace.obj.id";
  public static final String SPAN_EVENT_TYPE = "span";
  public static final String SPAN_EVENT_EVENT_TYPE = "span_event";
  public static final String LOG_EVENT_TYPE = "log";
  static final int MAX_NAME = 500;
  static final int MAX_TEXT = 32_000;
  private static final String UNKNOWN_CONTEXT = "unknown_service";

  private final TenantId tenantId;
  private final TraceId id;
  private final String otelTraceId;
  private String contextId;
  private TraceType type;
  private String name;
  private JsonMap metadata;
  private Instant startedAt;
  private TraceStatus status;
  private Instant completedAt;
  private String failureReason;
  private String rootSpanId;
  /** Whether {@link #absorb} changed what is stored of the trace since it was read. */
  private boolean changed;

  /** As stored. */
  public ImportedTrace(TenantId tenantId, TraceId id, String otelTraceId, String contextId, TraceType type, String name,
      JsonMap metadata, Instant startedAt, TraceStatus status, Instant completedAt, String failureReason,
      String rootSpanId) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.id = Objects.requireNonNull(id, "id");
    this.otelTraceId = Objects.requireNonNull(otelTraceId, "otelTraceId");
    this.contextId = contextId;
    this.type = type;
    this.name = name;
    this.metadata = metadata;
    this.startedAt = startedAt;
    this.status = status;
    this.completedAt = completedAt;
    this.failureReason = failureReason;
    this.rootSpanId = rootSpanId;
  }

  /** A trace begun by the first of its spans to arrive (the root among them, if it is). */
  public static ImportedTrace begun(TenantId tenantId, String otelTraceId, List<ImportedSpan> spans,
      String contextAttribute) {
    ImportedSpan first = spans.stream().filter(ImportedSpan::isRoot).findFirst()
        .orElse(spans.stream().min(Comparator.comparing(ImportedSpan::start)).orElseThrow());
    Instant start = micros(spans.stream().map(ImportedSpan::start).min(Comparator.naturalOrder()).orElseThrow());
    ImportedTrace trace = new ImportedTrace(tenantId, new TraceId(OtelIds.traceFor(otelTraceId, start)), otelTraceId,
        contextOf(first.resource(), contextAttribute), typeOf(first), text(first.name(), MAX_NAME, "(unnamed span)"),
        first.resource(), start, TraceStatus.ACTIVE, null, null, null);
    trace.absorb(spans, contextAttribute);
    return trace;
  }

  /** A trace begun by log records that name an OpenTelemetry trace whose spans have not come. */
  public static ImportedTrace begunByLogs(TenantId tenantId, String otelTraceId, ImportedLogRecord first,
      String contextAttribute) {
    Instant start = micros(first.time());
    return new ImportedTrace(tenantId, new TraceId(OtelIds.traceFor(otelTraceId, start)), otelTraceId,
        contextOf(first.resource(), contextAttribute), TraceType.API_REQUEST,
        "(logs; no span yet)", first.resource(), start, TraceStatus.ACTIVE, null, null, null);
  }

  /**
   * Takes what newly arrived spans say of the trace: an earlier start while the root is unknown,
   * and the root itself. Returns whether the trace ended now.
   */
  public boolean absorb(List<ImportedSpan> spans, String contextAttribute) {
    for (ImportedSpan span : spans) {
      if (span.isRoot() && rootSpanId == null) {
        changed = true;
        rootSpanId = span.spanId();
        name = text(span.name(), MAX_NAME, "(unnamed span)");
        type = typeOf(span);
        contextId = contextOf(span.resource(), contextAttribute);
        metadata = span.resource();
        startedAt = micros(span.start());
        Instant end = micros(span.end().isBefore(span.start()) ? span.start() : span.end());
        if (status == TraceStatus.ACTIVE) {
          status = span.isError() ? TraceStatus.FAILED : TraceStatus.COMPLETED;
          failureReason = span.isError() ? text(span.statusMessage(), 4_000, "the root span's status is error") : null;
          completedAt = end;
          return true;
        }
        completedAt = end; // expired before its root came: the root says when it really ended
        return false;
      }
      if (rootSpanId == null && span.start().isBefore(startedAt)) {
        changed = true;
        startedAt = micros(span.start());
      }
    }
    return false;
  }

  /**
   * Whether the spans absorbed changed the trace: its root arrived, or an earlier start while the
   * root is unknown. Late spans after the root, and log records, change nothing of it.
   */
  public boolean hasChanged() {
    return changed;
  }

  /** The events of a span: the span itself, then its own events as its children, in time order. */
  public List<Event> eventsOf(ImportedSpan span) {
    EventId spanEvent = OtelIds.eventOfSpan(span.traceId(), span.spanId());
    EventId parent = span.parentSpanId() == null ? null : OtelIds.eventOfSpan(span.traceId(), span.parentSpanId());
    ObjectId object = objectOf(span.attributes());
    Map<String, Object> otel = new LinkedHashMap<>();
    otel.put("traceId", span.traceId());
    otel.put("spanId", span.spanId());
    if (span.parentSpanId() != null) {
      otel.put("parentSpanId", span.parentSpanId());
    }
    otel.put("kind", span.kind());
    otel.put("status", span.status());
    if (span.statusMessage() != null && !span.statusMessage().isEmpty()) {
      otel.put("statusMessage", span.statusMessage());
    }
    if (span.scope() != null) {
      otel.put("scope", span.scope());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("otel", otel);
    data.put("attributes", span.attributes().asMap());
    data.put("resource", span.resource().asMap());
    if (!span.links().isEmpty()) {
      data.put("links", span.links().stream().map(link -> Map.of("traceId", link.traceId(), "spanId", link.spanId(),
          "attributes", link.attributes().asMap())).toList());
    }
    List<Event> events = new ArrayList<>(1 + span.events().size());
    Instant start = micros(span.start());
    double durationMs = Math.max(0, Duration.between(span.start(), span.end()).toNanos() / 1_000_000.0);
    events.add(new Event(tenantId, id, spanEvent, parent, SPAN_EVENT_TYPE,
        span.isError() ? EventLevel.ERROR : EventLevel.INFO, text(span.name(), MAX_TEXT, "(unnamed span)"),
        JsonMap.of(data, "data"), start, durationMs, object));
    for (int i = 0; i < span.events().size(); i++) {
      ImportedSpan.SpanEvent inner = span.events().get(i);
      boolean exception = "exception".equals(inner.name());
      events.add(new Event(tenantId, id, OtelIds.eventOfSpanEvent(span.traceId(), span.spanId(), i), spanEvent,
          SPAN_EVENT_EVENT_TYPE, exception ? EventLevel.ERROR : EventLevel.INFO,
          text(inner.name(), MAX_TEXT, "(unnamed event)"), inner.attributes(), micros(inner.time()), null, object));
    }
    return events;
  }

  /**
   * A log record's event: severity gives the level, the body the message, the attributes the data;
   * under its span's event when it names one. Its id is made from what it says, so that a log sent
   * twice is stored once.
   */
  public Event eventOf(ImportedLogRecord log) {
    Map<String, Object> otel = new LinkedHashMap<>();
    if (log.traceId() != null) {
      otel.put("traceId", log.traceId());
    }
    if (log.spanId() != null) {
      otel.put("spanId", log.spanId());
    }
    otel.put("severityNumber", log.severityNumber());
    if (log.severityText() != null) {
      otel.put("severityText", log.severityText());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("otel", otel);
    data.put("attributes", log.attributes().asMap());
    data.put("resource", log.resource().asMap());
    EventId parent = log.traceId() != null && log.spanId() != null ? OtelIds.eventOfSpan(log.traceId(), log.spanId())
        : null;
    return new Event(tenantId, id, new EventId(logId(log)), parent, LOG_EVENT_TYPE, levelOf(log),
        log.body() == null || log.body().isEmpty() ? null : text(log.body(), MAX_TEXT, null),
        JsonMap.of(data, "data"), micros(log.time()), null, objectOf(log.attributes()));
  }

  /** OpenTelemetry severity numbers: 1–8 trace and debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal. */
  static EventLevel levelOf(ImportedLogRecord log) {
    int number = log.severityNumber();
    if (number == 0 && log.severityText() != null) {
      String text = log.severityText().toLowerCase(Locale.ROOT);
      return text.startsWith("fatal") || text.startsWith("crit") ? EventLevel.CRITICAL
          : text.startsWith("err") ? EventLevel.ERROR
          : text.startsWith("warn") ? EventLevel.WARN
          : text.startsWith("debug") || text.startsWith("trace") ? EventLevel.DEBUG : EventLevel.INFO;
    }
    return number <= 0 ? EventLevel.INFO
        : number <= 8 ? EventLevel.DEBUG
        : number <= 12 ? EventLevel.INFO
        : number <= 16 ? EventLevel.WARN
        : number <= 20 ? EventLevel.ERROR : EventLevel.CRITICAL;
  }

  private static UUID logId(ImportedLogRecord log) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(log.traceId()).getBytes(StandardCharsets.UTF_8));
      sha.update(String.valueOf(log.spanId()).getBytes(StandardCharsets.UTF_8));
      sha.update(ByteBuffer.allocate(12).putLong(log.time().getEpochSecond()).putInt(log.time().getNano()).array());
      sha.update(String.valueOf(log.severityNumber()).getBytes(StandardCharsets.UTF_8));
      sha.update(String.valueOf(log.body()).getBytes(StandardCharsets.UTF_8));
      sha.update(log.attributes().toString().getBytes(StandardCharsets.UTF_8));
      ByteBuffer digest = ByteBuffer.wrap(sha.digest());
      long high = (digest.getLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x8000L;
      long low = (digest.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      return new UUID(high, low);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectId objectOf(JsonMap attributes) {
    Object value = attributes.get(OBJECT_ATTRIBUTE);
    if (!(value instanceof String id)) {
      return null;
    }
    try {
      return new ObjectId(id);
    } catch (InvalidValueException e) {
      return null; // not an id this module can keep: the attribute stays in the data
    }
  }

  private static TraceType typeOf(ImportedSpan span) {
    Object named = span.attributes().get(TYPE_ATTRIBUTE);
    if (named == null) {
      named = span.resource().get(TYPE_ATTRIBUTE);
    }
    if (named instanceof String text) {
      try {
        return TraceType.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // not one of ours: the default
      }
    }
    return TraceType.API_REQUEST;
  }

  private static String contextOf(JsonMap resource, String contextAttribute) {
    Object context = resource.get(contextAttribute);
    return context == null ? UNKNOWN_CONTEXT : text(String.valueOf(context), 255, UNKNOWN_CONTEXT);
  }

  /** Text cut to {@code max} characters, blank taken as missing. */
  static String text(String value, int max, String whenMissing) {
    if (value == null || value.isBlank()) {
      return whenMissing;
    }
    String cleaned = value.replace('\u0000', ' ');
    return cleaned.length() <= max ? cleaned : cleaned.substring(0, max);
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public TraceId id() {
    return id;
  }

  public String otelTraceId() {
    return otelTraceId;
  }

  public String contextId() {
    return contextId;
  }

  public TraceType type() {
    return type;
  }

  public String name() {
    return name;
  }

  public JsonMap metadata() {
    return metadata;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public TraceStatus status() {
    return status;
  }

  public Instant completedAt() {
    return completedAt;
  }

  public String failureReason() {
    return failureReason;
  }

  /** The root span's id, or null until it arrives. */
  public String rootSpanId() {
    return rootSpanId;
  }

  public boolean isActive() {
    return status == TraceStatus.ACTIVE;
  }
}
