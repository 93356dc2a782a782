package dev.tracemodule.infrastructure.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.tracemodule.domain.telemetry.Decoded;
import dev.tracemodule.domain.telemetry.ImportedLogRecord;
import dev.tracemodule.domain.telemetry.ImportedSpan;
import dev.tracemodule.domain.telemetry.MalformedTelemetryException;
import dev.tracemodule.domain.telemetry.TelemetryFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpDecoderTest {

  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String ROOT = "eee19b7ec3c1b174";
  private static final String CHILD = "00f067aa0ba902b7";
  private static final long START = 1_764_500_000_123_456_789L;
  private final OtlpDecoder decoder = new OtlpDecoder();

  @Test
  void protobufSpansKeepIdsTimesStatusKindAndEveryAttributeType() {
    Span child = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(CHILD)).setParentSpanId(bytes(ROOT))
        .setName("SELECT").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(START).setEndTimeUnixNano(START + 2_500_000)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("timeout"))
        .addAttributes(attribute("s", AnyValue.newBuilder().setStringValue("text")))
        .addAttributes(attribute("i", AnyValue.newBuilder().setIntValue(42)))
        .addAttributes(attribute("d", AnyValue.newBuilder().setDoubleValue(0.5)))
        .addAttributes(attribute("b", AnyValue.newBuilder().setBoolValue(true)))
        .addAttributes(attribute("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi"))))
        .addAttributes(attribute("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setStringValue("two")))))
        .addAttributes(attribute("map", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
            .addValues(attribute("k", AnyValue.newBuilder().setStringValue("v"))))))
        .addAttributes(attribute("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN)))
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(START + 1_000_000)
            .addAttributes(attribute("exception.type", AnyValue.newBuilder().setStringValue("SQLException"))))
        .build();
    Span root = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(ROOT)).setName("GET /")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(START).setEndTimeUnixNano(START + 9_000_000)
        .build();

    Decoded<ImportedSpan> decoded = decoder.spans(request(root, child).toByteArray(), TelemetryFormat.PROTOBUF);

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.items()).hasSize(2);
    ImportedSpan first = decoded.items().get(0);
    assertThat(first.isRoot()).isTrue();
    assertThat(first.kind()).isEqualTo("server");
    assertThat(first.status()).isEqualTo("unset");
    assertThat(first.scope()).isEqualTo("tests@1.2");
    assertThat(first.resource().asMap()).containsEntry("service.name", "checkout");
    ImportedSpan second = decoded.items().get(1);
    assertThat(second.traceId()).isEqualTo(TRACE);
    assertThat(second.spanId()).isEqualTo(CHILD);
    assertThat(second.parentSpanId()).isEqualTo(ROOT);
    assertThat(second.start()).isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 123_456_789));
    assertThat(second.end()).isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 125_956_789));
    assertThat(second.kind()).isEqualTo("client");
    assertThat(second.isError()).isTrue();
    assertThat(second.statusMessage()).isEqualTo("timeout");
    assertThat(second.attributes().asMap()).containsEntry("s", "text").containsEntry("i", 42L)
        .containsEntry("d", 0.5).containsEntry("b", true).containsEntry("raw", "aGk=")
        .containsEntry("list", List.of(1L, "two")).containsEntry("map", Map.of("k", "v"))
        .containsEntry("nan", "nan");
    assertThat(second.events()).singleElement().satisfies(event -> {
      assertThat(event.name()).isEqualTo("exception");
      assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 124_456_789));
      assertThat(event.attributes().asMap()).containsEntry("exception.type", "SQLException");
    });
  }

  @Test
  void otlpJsonTakesHexIdsIntegerEnumsAndNanosAsText() {
    String json = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"cart\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + TRACE.toUpperCase()
        + "\",\"spanId\":\"" + CHILD + "\",\"parentSpanId\":\"" + ROOT + "\",\"name\":\"load\",\"kind\":3,"
        + "\"startTimeUnixNano\":\"" + START + "\",\"endTimeUnixNano\":" + (START + 1000) + ","
        + "\"status\":{\"code\":2},\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"7\"}}],"
        + "\"unknownField\":true}]}]}]}";

    Decoded<ImportedSpan> decoded = decoder.spans(json.getBytes(StandardCharsets.UTF_8), TelemetryFormat.JSON);

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.items()).hasSize(1);
    ImportedSpan span = decoded.items().get(0);
    assertThat(span.traceId()).as("lower case").isEqualTo(TRACE);
    assertThat(span.parentSpanId()).isEqualTo(ROOT);
    assertThat(span.kind()).isEqualTo("client");
    assertThat(span.status()).isEqualTo("error");
    assertThat(span.start()).isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 123_456_789));
    assertThat(span.end()).as("a bare number above 2^53 keeps every nanosecond")
        .isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 123_457_789));
    assertThat(span.attributes().asMap()).containsEntry("n", 7L);
    assertThat(span.resource().asMap()).containsEntry("service.name", "cart");
  }

  @Test
  void aBase64IdInJsonIsMalformedNamingTheField() {
    String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"W47/95gDgQPSabYzgT/GDA==\","
        + "\"spanId\":\"" + CHILD + "\",\"name\":\"x\",\"startTimeUnixNano\":\"1\"}]}]}]}";
    assertThatThrownBy(() -> decoder.spans(json.getBytes(StandardCharsets.UTF_8), TelemetryFormat.JSON))
        .isInstanceOf(MalformedTelemetryException.class)
        .hasMessageContaining("resourceSpans[0].scopeSpans[0].spans[0].traceId must be hex");
  }

  @Test
  void undecodableBodiesAreMalformed() {
    assertThatThrownBy(() -> decoder.spans(new byte[] {0x0a, (byte) 0xff, 0x7f, 0x01}, TelemetryFormat.PROTOBUF))
        .isInstanceOf(MalformedTelemetryException.class).hasMessageContaining("not an OTLP protobuf message");
    assertThatThrownBy(() -> decoder.spans("{\"resourceSpans\":".getBytes(StandardCharsets.UTF_8),
        TelemetryFormat.JSON)).isInstanceOf(MalformedTelemetryException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> decoder.spans("{\"resourceSpans\":7}".getBytes(StandardCharsets.UTF_8),
        TelemetryFormat.JSON)).isInstanceOf(MalformedTelemetryException.class);
  }

  @Test
  void spansWithoutUsableIdsOrStartAreRefusedAloneAndCountedWithTheFirstReason() {
    Span good = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(ROOT)).setStartTimeUnixNano(START).build();
    Span noSpanId = good.toBuilder().clearSpanId().build();
    Span shortTrace = good.toBuilder().setTraceId(ByteString.copyFrom(new byte[8])).build();
    Span zeroTrace = good.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).build();
    Span noStart = good.toBuilder().setStartTimeUnixNano(0).build();

    Decoded<ImportedSpan> decoded = decoder.spans(request(good, noSpanId, shortTrace, zeroTrace, noStart)
        .toByteArray(), TelemetryFormat.PROTOBUF);

    assertThat(decoded.items()).hasSize(1);
    assertThat(decoded.rejected()).isEqualTo(4);
    assertThat(decoded.rejectionReason()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[1]: spanId is missing");
  }

  @Test
  void logRecordsKeepSeverityBodyAttributesAndIds() {
    LogRecord log = LogRecord.newBuilder().setTimeUnixNano(START).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
        .setSeverityText("WARN").setBody(AnyValue.newBuilder().setStringValue("disk 91% full"))
        .addAttributes(attribute("disk", AnyValue.newBuilder().setStringValue("/var")))
        .setTraceId(bytes(TRACE)).setSpanId(bytes(ROOT)).build();
    LogRecord observedOnly = LogRecord.newBuilder().setObservedTimeUnixNano(START)
        .setBody(AnyValue.newBuilder().setIntValue(3)).build();
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(log).addLogRecords(observedOnly))).build();

    Decoded<ImportedLogRecord> decoded = decoder.logs(request.toByteArray(), TelemetryFormat.PROTOBUF);

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.items()).hasSize(2);
    ImportedLogRecord first = decoded.items().get(0);
    assertThat(first.time()).isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 123_456_789));
    assertThat(first.severityNumber()).isEqualTo(13);
    assertThat(first.severityText()).isEqualTo("WARN");
    assertThat(first.body()).isEqualTo("disk 91% full");
    assertThat(first.traceId()).isEqualTo(TRACE);
    assertThat(first.spanId()).isEqualTo(ROOT);
    assertThat(first.attributes().asMap()).containsEntry("disk", "/var");
    ImportedLogRecord second = decoded.items().get(1);
    assertThat(second.time()).isEqualTo(Instant.ofEpochSecond(1_764_500_000L, 123_456_789));
    assertThat(second.body()).isEqualTo("3");
    assertThat(second.traceId()).isNull();
  }

  @Test
  void answersAreExportResponsesInTheRequestsEncodingAndFailuresAreRpcStatuses() throws Exception {
    ExportTraceServiceResponse partial = ExportTraceServiceResponse.parseFrom(
        decoder.answer(false, 2, "spanId is missing", TelemetryFormat.PROTOBUF));
    assertThat(partial.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
    assertThat(partial.getPartialSuccess().getErrorMessage()).isEqualTo("spanId is missing");
    assertThat(decoder.answer(false, 0, null, TelemetryFormat.PROTOBUF)).isEmpty();
    assertThat(new String(decoder.answer(false, 0, null, TelemetryFormat.JSON), StandardCharsets.UTF_8))
        .isEqualTo("{}");
    assertThat(new String(decoder.answer(true, 1, "no time", TelemetryFormat.JSON), StandardCharsets.UTF_8))
        .isEqualTo("{\"partialSuccess\":{\"rejectedLogRecords\":\"1\",\"errorMessage\":\"no time\"}}");

    UnknownFieldSet status = UnknownFieldSet.parseFrom(decoder.failure(3, "bad body", TelemetryFormat.PROTOBUF));
    assertThat(status.getField(1).getVarintList()).containsExactly(3L);
    assertThat(status.getField(2).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("bad body");
    assertThat(new String(decoder.failure(8, "too large", TelemetryFormat.JSON), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":8,\"message\":\"too large\"}");
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute("service.name",
            AnyValue.newBuilder().setStringValue("checkout"))))
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName("tests")
                .setVersion("1.2"))
            .addAllSpans(List.of(spans))))
        .build();
  }

  private static KeyValue attribute(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
