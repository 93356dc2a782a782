package dev.tracemodule.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OTLP receiver fed by the OpenTelemetry Java SDK's own OTLP/HTTP exporters (protobuf, gzip)
 * and by its JSON marshaller; every exported span checked against the events stored for it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OtlpApiIT {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  @ArquillianResource URL baseUrl;

  private Http http;
  private String service;
  private final Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ItDeployment.builtWar();
  }

  @BeforeEach
  void client() {
    http = new Http(baseUrl);
    service = "checkout-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void spansExportedByTheSdkOverProtobufWithGzipAreStoredAsTheyWereSent() {
    List<SpanData> spans = record(this::checkout);
    CompletableResultCode result = exporter("gzip").export(spans).join(30, TimeUnit.SECONDS);
    assertThat(result.isSuccess()).as("the SDK's export succeeded").isTrue();

    assertStoredAsSent(spans);
    JsonNode trace = importedTrace(spans.get(0).getTraceId());
    SpanData root = rootOf(spans);
    assertThat(trace.get("name").asText()).isEqualTo("GET /cart/{id}");
    assertThat(trace.get("type").asText()).isEqualTo("api_request");
    assertThat(trace.get("contextId").asText()).isEqualTo(service);
    assertThat(trace.get("otelSpanId").asText()).isEqualTo(root.getSpanId());
    assertThat(trace.get("status").asText()).as("the root span's status is unset").isEqualTo("completed");
    assertThat(Instant.parse(trace.get("startedAt").asText())).isEqualTo(micros(root.getStartEpochNanos()));
    assertThat(trace.get("durationMs").asDouble()).isCloseTo(durationMs(root), within(0.001));
  }

  @Test
  void spansInOtlpJsonAreStoredAsTheyWereSent() throws IOException {
    List<SpanData> spans = record(this::checkout);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeJsonTo(json);
    assertThat(json.toString(StandardCharsets.UTF_8)).as("the SDK writes hex ids")
        .contains("\"traceId\":\"" + spans.get(0).getTraceId() + "\"");

    Http.Reply answer = http.post("v1/traces", "application/json", HttpRequest.BodyPublishers.ofByteArray(json.toByteArray()));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.json().has("partialSuccess")).as(answer.body()).isFalse();
    assertStoredAsSent(spans);
  }

  @Test
  void aTraceSplitOverThreeRequestsInShuffledOrderAssemblesOnceTheRootArrives() {
    List<SpanData> spans = new ArrayList<>(record(this::checkout));
    SpanData root = rootOf(spans);
    Collections.shuffle(spans, new Random(7));
    // The root goes last: until it arrives the trace is still open.
    spans.remove(root);
    spans.add(root);
    int third = spans.size() / 3;
    List<List<SpanData>> requests = List.of(spans.subList(0, third), spans.subList(third, 2 * third),
        spans.subList(2 * third, spans.size()));
    OtlpHttpSpanExporter exporter = exporter("none");
    for (int i = 0; i < requests.size(); i++) {
      assertThat(exporter.export(requests.get(i)).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
      if (i < requests.size() - 1) {
        JsonNode open = importedTrace(root.getTraceId());
        assertThat(open.get("status").asText()).as("before the root, after request " + i).isEqualTo("active");
        assertThat(open.get("otelSpanId").isNull()).isTrue();
        assertThat(open.get("name").asText()).isNotEqualTo("GET /cart/{id}");
      }
    }

    assertStoredAsSent(spans);
    JsonNode trace = importedTrace(root.getTraceId());
    assertThat(trace.get("status").asText()).isEqualTo("completed");
    assertThat(trace.get("name").asText()).isEqualTo("GET /cart/{id}");
    assertThat(Instant.parse(trace.get("startedAt").asText())).isEqualTo(micros(root.getStartEpochNanos()));
    assertThat(trace.get("durationMs").asDouble()).isCloseTo(durationMs(root), within(0.001));
    assertThat(http.get("api/v1/traces?otelTraceId=" + root.getTraceId()).json().get("totalItems").asInt())
        .as("one trace however many requests").isEqualTo(1);

    // The span tree: children under their parent, ordered by start time.
    JsonNode tree = http.get("api/v1/traces/" + trace.get("id").asText() + "/events/tree").json();
    assertThat(tree).hasSize(1);
    assertThat(tree.get(0).get("event").get("message").asText()).isEqualTo("GET /cart/{id}");
    assertThat(tree.get(0).get("children")).extracting(n -> n.get("event").get("message").asText())
        .containsExactly("load cart", "SELECT cart_item", "price items");
    JsonNode pricing = tree.get(0).get("children").get(2);
    assertThat(pricing.get("children")).extracting(n -> n.get("event").get("message").asText())
        .containsExactly("GET /prices", "GET /prices");
    // Sent again: nothing new is stored.
    assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(http.get("api/v1/traces/" + trace.get("id").asText()).json().get("events")).hasSize(spans.size() + 1);
  }

  @Test
  void spansOfOneTraceSentAtOnceByManyClientsJoinOneTrace() throws Exception {
    List<SpanData> spans = record(tracer -> {
      Span root = tracer.spanBuilder("batch job").setStartTimestamp(at(0)).startSpan();
      for (int i = 0; i < 48; i++) {
        tracer.spanBuilder("step " + i).setParent(Context.root().with(root)).setStartTimestamp(at(1 + i))
            .startSpan().end(at(1.5 + i));
      }
      root.end(at(60));
    });
    List<Future<Boolean>> sent = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      for (int i = 0; i < 8; i++) {
        List<SpanData> share = spans.subList(i * spans.size() / 8, (i + 1) * spans.size() / 8);
        OtlpHttpSpanExporter exporter = exporter("none");
        sent.add(clients.submit(() -> {
          start.await();
          return exporter.export(share).join(30, TimeUnit.SECONDS).isSuccess();
        }));
      }
      start.countDown();
      for (Future<Boolean> request : sent) {
        assertThat(request.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
    assertStoredAsSent(spans);
    JsonNode trace = importedTrace(spans.get(0).getTraceId());
    assertThat(trace.get("status").asText()).isEqualTo("completed");
    assertThat(trace.get("name").asText()).isEqualTo("batch job");
  }

  @Test
  void aRootSpanWithAnErrorStatusFailsItsTrace() {
    List<SpanData> spans = record(tracer -> {
      Span root = tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
          .setAttribute("trace.type", "workflow_execution").setStartTimestamp(at(0)).startSpan();
      root.setStatus(StatusCode.ERROR, "payment declined");
      root.end(at(120));
    });
    assertThat(exporter("gzip").export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    JsonNode trace = importedTrace(spans.get(0).getTraceId());
    assertThat(trace.get("status").asText()).isEqualTo("failed");
    assertThat(trace.get("failureReason").asText()).isEqualTo("payment declined");
    assertThat(trace.get("type").asText()).as("named by the trace.type attribute").isEqualTo("workflow_execution");
    assertStoredAsSent(spans);
  }

  @Test
  void logRecordsBecomeEventsUnderTheirSpan() {
    List<SpanData> spans = record(this::checkout);
    assertThat(exporter("none").export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    SpanData database = spans.stream().filter(s -> s.getName().equals("SELECT cart_item")).findFirst().orElseThrow();

    try (SdkLoggerProvider logs = SdkLoggerProvider.builder()
        .setResource(Resource.create(Attributes.of(SERVICE_NAME, service)))
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
            .setEndpoint(url("v1/logs")).setCompression("gzip").build()))
        .build()) {
      Context inSpan = Context.root().with(Span.wrap(database.getSpanContext()));
      logs.get("it").logRecordBuilder().setContext(inSpan).setTimestamp(at(15)).setSeverity(Severity.ERROR)
          .setSeverityText("ERROR").setBody("connection reset").setAttribute(AttributeKey.longKey("retry"), 2L).emit();
      logs.get("it").logRecordBuilder().setContext(inSpan).setTimestamp(at(16)).setSeverity(Severity.DEBUG)
          .setBody("retrying").emit();
      assertThat(logs.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    JsonNode events = details(spans.get(0).getTraceId()).get("events");
    Map<String, JsonNode> bySpan = eventsBySpanId(events);
    List<JsonNode> logged = new ArrayList<>();
    events.forEach(e -> {
      if (e.get("type").asText().equals("log")) {
        logged.add(e);
      }
    });
    assertThat(logged).extracting(e -> e.get("message").asText()).containsExactly("connection reset", "retrying");
    assertThat(logged).extracting(e -> e.get("level").asText()).containsExactly("error", "debug");
    JsonNode reset = logged.get(0);
    assertThat(reset.get("parentEventId").asText()).isEqualTo(bySpan.get(database.getSpanId()).get("id").asText());
    assertThat(Instant.parse(reset.get("timestamp").asText())).isEqualTo(micros(nanos(at(15))));
    assertThat(reset.get("data").get("attributes").get("retry").asLong()).isEqualTo(2);
    assertThat(reset.get("data").get("otel").get("spanId").asText()).isEqualTo(database.getSpanId());
    assertThat(reset.get("data").get("otel").get("severityText").asText()).isEqualTo("ERROR");
  }

  @Test
  void spansAreFoundByServiceNameAttributeDurationAndError() {
    List<SpanData> spans = record(this::checkout);
    assertThat(exporter("none").export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    String window = "&from=" + base.minusSeconds(60) + "&to=" + base.plusSeconds(60);

    JsonNode all = http.get("api/v1/spans?service=" + service + window).json();
    assertThat(all.get("items")).hasSize(spans.size());
    assertThat(all.get("items")).extracting(s -> Instant.parse(s.get("startedAt").asText()))
        .as("newest first").isSortedAccordingTo(Collections.reverseOrder());

    JsonNode prices = http.get("api/v1/spans?service=" + service + "&name=" + encode("GET /prices") + window).json();
    assertThat(prices.get("items")).hasSize(2);
    JsonNode byAttribute = http.get("api/v1/spans?service=" + service + "&attribute=" + encode("http.status_code=503")
        + window).json();
    assertThat(byAttribute.get("items")).extracting(s -> s.get("name").asText()).containsExactly("GET /prices");
    JsonNode failed = http.get("api/v1/spans?service=" + service + "&error=true" + window).json();
    assertThat(failed.get("items")).extracting(s -> s.get("name").asText()).containsExactly("GET /prices");
    assertThat(failed.get("items").get(0).get("status").asText()).isEqualTo("error");
    assertThat(failed.get("items").get(0).get("kind").asText()).isEqualTo("client");
    JsonNode slow = http.get("api/v1/spans?service=" + service + "&minDurationMs=100" + window).json();
    assertThat(slow.get("items")).extracting(s -> s.get("name").asText())
        .containsExactlyInAnyOrder("GET /cart/{id}", "price items");

    // Paged by cursor: the six spans in two pages of three; the search reads one more than a page,
    // so the second page has no nextCursor.
    List<String> paged = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      if (pageSizes.size() == 10) {
        fail("still a nextCursor after 10 pages of " + pageSizes);
      }
      JsonNode page = http.get("api/v1/spans?service=" + service + "&size=3" + window
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      pageSizes.add(page.get("items").size());
      page.get("items").forEach(s -> paged.add(s.get("spanId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertThat(paged).containsExactlyInAnyOrderElementsOf(spans.stream().map(SpanData::getSpanId).toList());
    assertThat(pageSizes).as("no page larger than size").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
    assertThat(pageSizes).as("six spans: the look-ahead ends on the second page").containsExactly(3, 3);

    Http.Reply badFilter = http.get("api/v1/spans?attribute=nokey&minDurationMs=slow");
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.header("Content-Type")).startsWith("application/problem+json");
    assertThat(badFilter.json().get("errors").get(0).get("field").asText()).isIn("attribute", "minDurationMs");
    Http.Reply badWindow = http.get("api/v1/spans?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z");
    assertThat(badWindow.status()).isEqualTo(400);
    assertThat(badWindow.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
  }

  @Test
  void undecodableBodiesGetTheSpecsErrorAnswerAndStoreNothing() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    // A length-delimited field that claims more bytes than follow.
    HttpResponse<byte[]> malformed = client.send(HttpRequest.newBuilder(new URL(baseUrl, "v1/traces").toURI())
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x0a, (byte) 0xff, 0x7f, 0x01, 0x02}))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    UnknownFieldSet status = UnknownFieldSet.parseFrom(malformed.body()); // google.rpc.Status
    assertThat(status.getField(1).getVarintList()).as("code INVALID_ARGUMENT").containsExactly(3L);
    assertThat(status.getField(2).getLengthDelimitedList()).extracting(ByteString::toStringUtf8)
        .singleElement().asString().contains("protobuf");

    String traceId = "5b8efff798038103d269b633813fc60c".replace("5b8e", UUID.randomUUID().toString().substring(0, 4));
    String base64TraceId = "W47/95gDgQPSabYzgT/GDA==";
    String base64Ids = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + base64TraceId + "\","
        + "\"spanId\":\"7uGbfsPBsXQ=\",\"name\":\"x\",\"startTimeUnixNano\":\"1764500000000000000\"}]}]}]}";
    Http.Reply base64 = http.post("v1/traces", base64Ids);
    assertThat(base64.status()).isEqualTo(400);
    assertThat(base64.json().get("code").asInt()).isEqualTo(3);
    assertThat(base64.json().get("message").asText()).contains("resourceSpans[0].scopeSpans[0].spans[0].traceId")
        .contains("hex");
    String decodedTraceId = HexFormat.of().formatHex(Base64.getDecoder().decode(base64TraceId));
    assertThat(decodedTraceId).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(http.get("api/v1/traces?otelTraceId=" + decodedTraceId).json().get("totalItems").asInt())
        .as("nothing stored under the id the base64 would decode to").isZero();

    Http.Reply oneBadSpan = http.post("v1/traces", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
        + "{\"traceId\":\"" + traceId + "\",\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"kept\","
        + "\"startTimeUnixNano\":\"" + nanos(at(0)) + "\",\"endTimeUnixNano\":\"" + nanos(at(5)) + "\"},"
        + "{\"traceId\":\"" + traceId + "\",\"name\":\"no span id\",\"startTimeUnixNano\":\"" + nanos(at(1)) + "\"}"
        + "]}]}]}");
    assertThat(oneBadSpan.status()).as(oneBadSpan.toString()).isEqualTo(200);
    assertThat(oneBadSpan.json().get("partialSuccess").get("rejectedSpans").asLong()).isEqualTo(1);
    assertThat(oneBadSpan.json().get("partialSuccess").get("errorMessage").asText())
        .isEqualTo("resourceSpans[0].scopeSpans[0].spans[1]: spanId is missing");
    assertThat(details(traceId).get("events")).extracting(e -> e.get("message").asText()).containsExactly("kept");

    // 11 MB of zeros, gzip-compressed to a few kilobytes: the limit applies to what it inflates to.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
      gzip.write(new byte[11 * 1024 * 1024]);
    }
    HttpResponse<byte[]> tooLarge = client.send(HttpRequest.newBuilder(new URL(baseUrl, "v1/traces").toURI())
        .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bomb.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(UnknownFieldSet.parseFrom(tooLarge.body()).getField(1).getVarintList()).as("RESOURCE_EXHAUSTED")
        .containsExactly(8L);

    Http.Reply text = http.post("v1/traces", "text/plain", HttpRequest.BodyPublishers.ofString("spans"));
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.header("Content-Type")).startsWith("application/problem+json");

    HttpResponse<byte[]> empty = client.send(HttpRequest.newBuilder(new URL(baseUrl, "v1/traces").toURI())
        .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(empty.statusCode()).as("an empty request is a valid, empty export").isEqualTo(200);
    assertThat(ExportTraceServiceResponse.parseFrom(empty.body()).hasPartialSuccess()).isFalse();
  }

  @Test
  void aTraceCreatedUnderATraceparentIsLinkedToTheCallersTrace() {
    String otelTraceId = UUID.randomUUID().toString().replace("-", "");
    Http.Reply created = http.post("api/v1/traces", "application/json", HttpRequest.BodyPublishers.ofString(
        "{\"contextId\":\"" + service + "\",\"type\":\"custom\",\"name\":\"linked\"}"),
        "traceparent", "00-" + otelTraceId + "-00f067aa0ba902b7-01");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("otelTraceId").asText()).isEqualTo(otelTraceId);
    assertThat(created.json().get("otelSpanId").asText()).isEqualTo("00f067aa0ba902b7");
    JsonNode found = http.get("api/v1/traces?otelTraceId=" + otelTraceId).json();
    assertThat(found.get("items")).extracting(t -> t.get("id").asText())
        .containsExactly(created.json().get("id").asText());

    // Version ff is forbidden: the header is ignored (the trace may still join the server's own
    // span when MicroProfile Telemetry is on, but never the ids of a header it cannot trust).
    Http.Reply badHeader = http.post("api/v1/traces", "application/json", HttpRequest.BodyPublishers.ofString(
        "{\"contextId\":\"" + service + "\",\"type\":\"custom\",\"name\":\"unlinked\"}"),
        "traceparent", "ff-" + otelTraceId.replace('0', '1') + "-00f067aa0ba902b7-01");
    assertThat(badHeader.status()).isEqualTo(201);
    assertThat(badHeader.json().get("otelTraceId").asText()).isNotEqualTo(otelTraceId.replace('0', '1'));
    assertThat(badHeader.json().get("otelSpanId").asText()).isNotEqualTo("00f067aa0ba902b7");
  }

  // A cart page: a server span, a database call with an exception event, and a fan-out of two
  // client calls of which one fails.
  private void checkout(Tracer tracer) {
    Span root = tracer.spanBuilder("GET /cart/{id}").setSpanKind(SpanKind.SERVER).setStartTimestamp(at(0))
        .setAttribute("http.route", "/cart/{id}").setAttribute(AttributeKey.longKey("http.status_code"), 200L)
        .startSpan();
    Context inRoot = Context.root().with(root);
    Span load = tracer.spanBuilder("load cart").setParent(inRoot).setStartTimestamp(at(2)).startSpan();
    load.setAttribute("cart.id", "c-42");
    load.setAttribute(AttributeKey.booleanKey("cache.hit"), false);
    load.end(at(9));
    Span query = tracer.spanBuilder("SELECT cart_item").setParent(inRoot).setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(at(10)).setAttribute("db.system", "postgresql")
        .setAttribute(AttributeKey.doubleKey("db.rows.ratio"), 0.25).startSpan();
    query.addEvent("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "SQLTransientException"),
        at(14));
    query.end(at(30));
    Span pricing = tracer.spanBuilder("price items").setParent(inRoot).setStartTimestamp(at(31)).startSpan();
    Context inPricing = inRoot.with(pricing);
    Span second = tracer.spanBuilder("GET /prices").setParent(inPricing).setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(at(60)).setAttribute(AttributeKey.longKey("http.status_code"), 503L).startSpan();
    second.setStatus(StatusCode.ERROR, "upstream unavailable");
    second.end(at(140));
    Span first = tracer.spanBuilder("GET /prices").setParent(inPricing).setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(at(32)).setAttribute(AttributeKey.longKey("http.status_code"), 200L).startSpan();
    first.end(at(59));
    pricing.end(at(141));
    root.end(at(150.5));
  }

  /** The spans {@code scenario} ends, as the SDK hands them to its exporters. */
  private List<SpanData> record(Consumer<Tracer> scenario) {
    List<SpanData> ended = Collections.synchronizedList(new ArrayList<>());
    SpanExporter capture = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        ended.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service,
            AttributeKey.stringKey("host.name"), "it-host"))))
        .addSpanProcessor(SimpleSpanProcessor.create(capture))
        .build()) {
      scenario.accept(provider.get("dev.tracemodule.it", "1.0"));
    }
    return List.copyOf(ended);
  }

  private OtlpHttpSpanExporter exporter(String compression) {
    return OtlpHttpSpanExporter.builder().setEndpoint(url("v1/traces")).setCompression(compression).build();
  }

  /** Each span's event: ids, parent, timing, status, attributes and resource as sent. */
  private void assertStoredAsSent(List<SpanData> spans) {
    JsonNode events = details(spans.get(0).getTraceId()).get("events");
    Map<String, JsonNode> bySpan = eventsBySpanId(events);
    assertThat(bySpan.keySet()).containsExactlyInAnyOrderElementsOf(spans.stream().map(SpanData::getSpanId).toList());
    for (SpanData span : spans) {
      JsonNode event = bySpan.get(span.getSpanId());
      JsonNode otel = event.get("data").get("otel");
      String what = span.getName() + " " + span.getSpanId();
      assertThat(event.get("type").asText()).as(what).isEqualTo("span");
      assertThat(event.get("message").asText()).as(what).isEqualTo(span.getName());
      assertThat(otel.get("traceId").asText()).as(what).isEqualTo(span.getTraceId());
      assertThat(otel.get("kind").asText()).as(what).isEqualTo(span.getKind().name().toLowerCase());
      if (span.getParentSpanContext().isValid()) {
        assertThat(otel.get("parentSpanId").asText()).as(what).isEqualTo(span.getParentSpanId());
        assertThat(event.get("parentEventId").asText()).as(what)
            .isEqualTo(bySpan.get(span.getParentSpanId()).get("id").asText());
      } else {
        assertThat(event.get("parentEventId").isNull()).as(what).isTrue();
      }
      assertThat(Instant.parse(event.get("timestamp").asText())).as(what).isEqualTo(micros(span.getStartEpochNanos()));
      assertThat(event.get("durationMs").asDouble()).as(what).isCloseTo(durationMs(span), within(0.001));
      boolean error = span.getStatus().getStatusCode() == StatusCode.ERROR;
      assertThat(event.get("level").asText()).as(what).isEqualTo(error ? "error" : "info");
      assertThat(otel.get("status").asText()).as(what).isEqualTo(span.getStatus().getStatusCode().name().toLowerCase());
      if (error) {
        assertThat(otel.get("statusMessage").asText()).as(what).isEqualTo(span.getStatus().getDescription());
      }
      assertThat(attributes(event.get("data").get("attributes"))).as(what).isEqualTo(attributes(span.getAttributes()));
      assertThat(attributes(event.get("data").get("resource"))).as(what)
          .isEqualTo(attributes(span.getResource().getAttributes()));
      List<JsonNode> children = new ArrayList<>();
      events.forEach(e -> {
        if (e.get("type").asText().equals("span_event") && e.get("parentEventId").asText().equals(event.get("id").asText())) {
          children.add(e);
        }
      });
      assertThat(children).as(what).extracting(e -> e.get("message").asText())
          .containsExactlyElementsOf(span.getEvents().stream().map(EventData::getName).toList());
      for (int i = 0; i < children.size(); i++) {
        EventData sent = span.getEvents().get(i);
        assertThat(Instant.parse(children.get(i).get("timestamp").asText())).isEqualTo(micros(sent.getEpochNanos()));
        assertThat(attributes(children.get(i).get("data"))).isEqualTo(attributes(sent.getAttributes()));
      }
    }
  }

  private JsonNode importedTrace(String otelTraceId) {
    JsonNode found = http.get("api/v1/traces?otelTraceId=" + otelTraceId).json();
    assertThat(found.get("items")).as("traces of " + otelTraceId).hasSize(1);
    JsonNode trace = found.get("items").get(0);
    assertThat(trace.get("otelTraceId").asText()).isEqualTo(otelTraceId);
    assertThat(trace.get("tags")).extracting(JsonNode::asText).contains("otlp");
    return trace;
  }

  private JsonNode details(String otelTraceId) {
    return http.get("api/v1/traces/" + importedTrace(otelTraceId).get("id").asText()).json();
  }

  private static Map<String, JsonNode> eventsBySpanId(JsonNode events) {
    Map<String, JsonNode> bySpan = new HashMap<>();
    events.forEach(e -> {
      if (e.get("type").asText().equals("span")) {
        assertThat(bySpan.put(e.get("data").get("otel").get("spanId").asText(), e)).as("one event per span").isNull();
      }
    });
    return bySpan;
  }

  /** Attribute values as text, keyed by name: the same from the SDK's attributes and stored JSON. */
  private static Map<String, String> attributes(Attributes attributes) {
    Map<String, String> values = new HashMap<>();
    attributes.forEach((key, value) -> values.put(key.getKey(), String.valueOf(value)));
    return values;
  }

  private static Map<String, String> attributes(JsonNode object) {
    Map<String, String> values = new HashMap<>();
    object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  private static SpanData rootOf(List<SpanData> spans) {
    return spans.stream().filter(s -> !s.getParentSpanContext().isValid()).findFirst().orElseThrow();
  }

  private Instant at(double millisAfterBase) {
    return base.plusNanos((long) (millisAfterBase * 1_000_000) + 123_456);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Instant micros(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).truncatedTo(ChronoUnit.MICROS);
  }

  private static double durationMs(SpanData span) {
    return (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0;
  }

  private String url(String path) {
    return baseUrl.toString().replaceAll("/+$", "") + "/" + path;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
