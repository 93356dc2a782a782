package dev.tracemodule.infrastructure.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.telemetry.Decoded;
import dev.tracemodule.domain.telemetry.ImportedLogRecord;
import dev.tracemodule.domain.telemetry.ImportedSpan;
import dev.tracemodule.domain.telemetry.MalformedTelemetryException;
import dev.tracemodule.domain.telemetry.TelemetryDecoder;
import dev.tracemodule.domain.telemetry.TelemetryFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OTLP bodies through the messages OpenTelemetry generates ({@code opentelemetry-proto}): protobuf
 * as it is, JSON through protobuf's own JSON parser. OTLP's JSON writes ids in hex where protobuf's
 * JSON mapping expects base64, and that parser would take hex for base64 without a word (a
 * 16-byte id becoming 24 bytes of nonsense), so ids are turned to base64 first, and an id that is
 * not hex makes the body malformed.
 *
 * <p>A span or log record with a broken id or no time is refused alone; the others are taken.
 */
@ApplicationScoped
public class OtlpDecoder implements TelemetryDecoder {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id",
      "parent_span_id");

  @Override
  public Decoded<ImportedSpan> spans(byte[] body, TelemetryFormat format) {
    ExportTraceServiceRequest request = parse(body, format, ExportTraceServiceRequest.newBuilder(),
        ExportTraceServiceRequest::parseFrom);
    List<ImportedSpan> spans = new ArrayList<>();
    Refusals refused = new Refusals();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      JsonMap resource = resource(resourceSpans.getResource().getAttributesList());
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        String scope = scopeSpans.getScope().getName().isEmpty() ? null
            : scopeSpans.getScope().getName() + (scopeSpans.getScope().getVersion().isEmpty() ? ""
                : "@" + scopeSpans.getScope().getVersion());
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          try {
            spans.add(span(scopeSpans.getSpans(i), resource, scope));
          } catch (Refused e) {
            refused.add("resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]: " + e.getMessage());
          }
        }
      }
    }
    return new Decoded<>(spans, refused.count, refused.first);
  }

  @Override
  public Decoded<ImportedLogRecord> logs(byte[] body, TelemetryFormat format) {
    ExportLogsServiceRequest request = parse(body, format, ExportLogsServiceRequest.newBuilder(),
        ExportLogsServiceRequest::parseFrom);
    List<ImportedLogRecord> logs = new ArrayList<>();
    Refusals refused = new Refusals();
    for (int r = 0; r < request.getResourceLogsCount(); r++) {
      ResourceLogs resourceLogs = request.getResourceLogs(r);
      JsonMap resource = resource(resourceLogs.getResource().getAttributesList());
      for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
        ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
        for (int i = 0; i < scopeLogs.getLogRecordsCount(); i++) {
          try {
            logs.add(log(scopeLogs.getLogRecords(i), resource));
          } catch (Refused e) {
            refused.add("resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + i + "]: " + e.getMessage());
          }
        }
      }
    }
    return new Decoded<>(logs, refused.count, refused.first);
  }

  @Override
  public byte[] answer(boolean logs, int rejected, String reason, TelemetryFormat format) {
    Message answer;
    if (logs) {
      ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
      if (rejected > 0) {
        response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected)
            .setErrorMessage(reason == null ? "" : reason));
      }
      answer = response.build();
    } else {
      ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
      if (rejected > 0) {
        response.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected)
            .setErrorMessage(reason == null ? "" : reason));
      }
      answer = response.build();
    }
    if (format == TelemetryFormat.PROTOBUF) {
      return answer.toByteArray();
    }
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(answer).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code google.rpc.Status} is not among OpenTelemetry's generated messages; it has two fields
   * that matter here, written with protobuf's own encoder: code (1) and message (2).
   */
  @Override
  public byte[] failure(int grpcCode, String message, TelemetryFormat format) {
    if (format == TelemetryFormat.JSON) {
      return JSON.createObjectNode().put("code", grpcCode).put("message", message).toString()
          .getBytes(StandardCharsets.UTF_8);
    }
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, grpcCode);
      out.writeString(2, message);
      out.flush();
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ImportedSpan span(Span span, JsonMap resource, String scope) throws Refused {
    String traceId = id(span.getTraceId(), 16, "traceId", false);
    String spanId = id(span.getSpanId(), 8, "spanId", false);
    String parent = id(span.getParentSpanId(), 8, "parentSpanId", true);
    if (span.getStartTimeUnixNano() == 0) {
      throw new Refused("startTimeUnixNano is missing");
    }
    Instant start = instant(span.getStartTimeUnixNano());
    Instant end = span.getEndTimeUnixNano() == 0 ? start : instant(span.getEndTimeUnixNano());
    List<ImportedSpan.SpanEvent> events = new ArrayList<>(span.getEventsCount());
    for (Span.Event event : span.getEventsList()) {
      events.add(new ImportedSpan.SpanEvent(event.getName(),
          event.getTimeUnixNano() == 0 ? start : instant(event.getTimeUnixNano()),
          attributes(event.getAttributesList(), "event attributes")));
    }
    List<ImportedSpan.SpanLink> links = new ArrayList<>(span.getLinksCount());
    for (Span.Link link : span.getLinksList()) {
      links.add(new ImportedSpan.SpanLink(id(link.getTraceId(), 16, "link traceId", false),
          id(link.getSpanId(), 8, "link spanId", false), attributes(link.getAttributesList(), "link attributes")));
    }
    return new ImportedSpan(traceId, spanId, parent, span.getName(), kind(span.getKind()), start, end,
        status(span.getStatus().getCode()), span.getStatus().getMessage(),
        attributes(span.getAttributesList(), "attributes"), resource, scope, events, links);
  }

  private static ImportedLogRecord log(LogRecord log, JsonMap resource) throws Refused {
    String traceId = id(log.getTraceId(), 16, "traceId", true);
    String spanId = id(log.getSpanId(), 8, "spanId", true);
    long nanos = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    if (nanos == 0) {
      throw new Refused("timeUnixNano and observedTimeUnixNano are both missing");
    }
    String body = switch (log.getBody().getValueCase()) {
      case STRING_VALUE -> log.getBody().getStringValue();
      case VALUE_NOT_SET -> null;
      default -> String.valueOf(value(log.getBody(), 0));
    };
    return new ImportedLogRecord(traceId, traceId == null ? null : spanId, instant(nanos),
        log.getSeverityNumberValue(), log.getSeverityText().isEmpty() ? null : log.getSeverityText(), body,
        attributes(log.getAttributesList(), "attributes"), resource);
  }

  @FunctionalInterface
  private interface BinaryParser<M> {
    M parse(byte[] body) throws InvalidProtocolBufferException;
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M parse(byte[] body, TelemetryFormat format, Message.Builder builder,
      BinaryParser<M> binary) {
    try {
      if (format == TelemetryFormat.PROTOBUF) {
        return binary.parse(body);
      }
      PARSER.merge(JSON.writeValueAsString(hexIdsToBase64(JSON.readTree(body), "")), builder);
      return (M) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedTelemetryException("the body is not an OTLP " + (format == TelemetryFormat.JSON ? "JSON"
          : "protobuf") + " message: " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw new MalformedTelemetryException("the body is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new MalformedTelemetryException("the body cannot be read: " + e.getMessage());
    }
  }

  /** Every id field of the tree from OTLP's hex to protobuf's base64; a non-hex id is malformed. */
  private static JsonNode hexIdsToBase64(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (ID_FIELDS.contains(name) && child.isTextual()) {
          object.put(name, base64(child.asText(), path + "." + name));
        } else {
          hexIdsToBase64(child, path + "." + name);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        hexIdsToBase64(array.get(i), path + "[" + i + "]");
      }
    }
    return node;
  }

  private static String base64(String hex, String path) {
    if (hex.isEmpty()) {
      return "";
    }
    if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new MalformedTelemetryException(path.substring(1) + " must be hex, as OTLP's JSON writes ids; not '"
          + (hex.length() > 40 ? hex.substring(0, 40) + "…" : hex) + "'");
    }
    return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
  }

  /** An id as lower-case hex; empty is allowed only where it means none (a root's parent). */
  private static String id(ByteString bytes, int length, String field, boolean optional) throws Refused {
    if (bytes.isEmpty()) {
      if (optional) {
        return null;
      }
      throw new Refused(field + " is missing");
    }
    if (bytes.size() != length) {
      throw new Refused(field + " has " + bytes.size() + " bytes, not " + length);
    }
    String hex = HEX.formatHex(bytes.toByteArray());
    if (hex.chars().allMatch(c -> c == '0')) {
      if (optional) {
        return null;
      }
      throw new Refused(field + " is all zeros");
    }
    return hex;
  }

  private static Instant instant(long unixNanos) {
    return Instant.ofEpochSecond(Long.divideUnsigned(unixNanos, 1_000_000_000L),
        Long.remainderUnsigned(unixNanos, 1_000_000_000L));
  }

  private static String kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> "internal";
      case SPAN_KIND_SERVER -> "server";
      case SPAN_KIND_CLIENT -> "client";
      case SPAN_KIND_PRODUCER -> "producer";
      case SPAN_KIND_CONSUMER -> "consumer";
      default -> "unspecified";
    };
  }

  private static String status(Status.StatusCode code) {
    return switch (code) {
      case STATUS_CODE_OK -> "ok";
      case STATUS_CODE_ERROR -> "error";
      default -> "unset";
    };
  }

  /** A resource's attributes; ones that cannot be kept are left out rather than refusing its spans. */
  private static JsonMap resource(List<KeyValue> attributes) {
    try {
      return attributes(attributes, "resource");
    } catch (Refused e) {
      return JsonMap.EMPTY;
    }
  }

  /** Attributes as JSON: bytes as base64, a non-finite double as its text. */
  private static JsonMap attributes(List<KeyValue> attributes, String field) throws Refused {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue attribute : attributes) {
      if (!attribute.getKey().isEmpty()) {
        map.put(attribute.getKey().replace('\u0000', ' '), value(attribute.getValue(), 0));
      }
    }
    try {
      return JsonMap.of(map, field);
    } catch (InvalidValueException e) {
      throw new Refused(e.getMessage());
    }
  }

  private static Object value(AnyValue value, int depth) {
    if (depth > 16) {
      return "(nested too deep)";
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue().replace('\u0000', ' ');
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? value.getDoubleValue()
          : String.valueOf(value.getDoubleValue()).toLowerCase(Locale.ROOT);
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        List<Object> items = new ArrayList<>(value.getArrayValue().getValuesCount());
        value.getArrayValue().getValuesList().forEach(item -> items.add(value(item, depth + 1)));
        yield items;
      }
      case KVLIST_VALUE -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          if (!entry.getKey().isEmpty()) {
            entries.put(entry.getKey().replace('\u0000', ' '), value(entry.getValue(), depth + 1));
          }
        }
        yield entries;
      }
      default -> null;
    };
  }

  /** A span or log record refused alone. */
  private static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Refusals {
    int count;
    String first;

    void add(String reason) {
      count++;
      if (first == null) {
        first = reason;
      }
    }
  }
}
