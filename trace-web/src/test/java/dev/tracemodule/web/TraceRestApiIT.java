package dev.tracemodule.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST API over real HTTP, against the built WAR on Payara Micro and PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TraceRestApiIT {

  @ArquillianResource URL baseUrl;

  private Http http;
  private String contextId;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ItDeployment.builtWar();
  }

  @BeforeEach
  void client() {
    http = new Http(baseUrl);
    contextId = "ctx-" + UUID.randomUUID();
  }

  @Test
  void aTraceWithNestedEventsReadsBackWithDurationSummaryAndTree() throws Exception {
    Http.Reply created = createTrace("{\"contextId\":\"%s\",\"executionId\":\"run-7\",\"type\":\"workflow_execution\","
        + "\"name\":\"Checkout\",\"description\":\"cart to order\",\"metadata\":{\"stage\":\"plan\",\"items\":3},\"tags\":[\"eu\",\"beta\"]}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode trace = created.json();
    String id = trace.get("id").asText();
    assertThat(created.header("Location")).endsWith("/api/v1/traces/" + id);
    assertThat(trace.get("status").asText()).isEqualTo("active");
    assertThat(trace.get("type").asText()).isEqualTo("workflow_execution");
    assertThat(trace.get("metadata").get("items").asInt()).isEqualTo(3);
    assertThat(trace.get("startedAt").asText()).endsWith("Z");

    String root = recordEvent(id, "{\"type\":\"stage_started\",\"message\":\"plan\",\"data\":{\"stage\":\"plan\"}}");
    String child = recordEvent(id, "{\"type\":\"db_query\",\"level\":\"warn\",\"durationMs\":12.5,\"parentEventId\":\"" + root + "\"}");
    String other = recordEvent(id, "{\"type\":\"payment\",\"level\":\"error\",\"message\":\"card declined\"}");
    Thread.sleep(20); // a measurable duration

    Http.Reply completed = http.post("api/v1/traces/" + id + "/complete", "");
    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.json().get("status").asText()).isEqualTo("completed");
    double durationMs = completed.json().get("durationMs").asDouble();
    assertThat(durationMs).isGreaterThanOrEqualTo(20.0);

    JsonNode details = http.get("api/v1/traces/" + id).json();
    assertThat(details.get("trace").get("durationMs").asDouble()).isEqualTo(durationMs);
    assertThat(details.get("events")).extracting(e -> e.get("id").asText()).containsExactly(root, child, other);
    JsonNode summary = details.get("summary");
    assertThat(summary.get("totalEvents").asInt()).isEqualTo(3);
    assertThat(summary.get("errorCount").asInt()).isEqualTo(1);
    assertThat(summary.get("warningCount").asInt()).isEqualTo(1);
    assertThat(summary.get("eventsByLevel").toString())
        .isEqualTo("{\"debug\":0,\"info\":1,\"warn\":1,\"error\":1,\"critical\":0}");
    assertThat(summary.get("durationMs").asDouble()).isEqualTo(durationMs);

    JsonNode tree = http.get("api/v1/traces/" + id + "/events/tree").json();
    assertThat(tree).hasSize(2);
    assertThat(tree.get(0).get("event").get("id").asText()).isEqualTo(root);
    assertThat(tree.get(0).get("children")).hasSize(1);
    assertThat(tree.get(0).get("children").get(0).get("event").get("id").asText()).isEqualTo(child);
    assertThat(tree.get(1).get("event").get("id").asText()).isEqualTo(other);
    assertThat(tree.get(1).get("children")).isEmpty();
  }

  @Test
  void aBatchIsStoredWholeWithParentsInsideItAndARetryStoresNothing() {
    String id = activeTrace();
    String parent = UUID.randomUUID().toString();
    String child = UUID.randomUUID().toString();
    String body = "[{\"id\":\"" + parent + "\",\"type\":\"step\"},"
        + "{\"id\":\"" + child + "\",\"type\":\"sub\",\"parentEventId\":\"" + parent + "\"}]";
    Http.Reply batch = http.post("api/v1/traces/" + id + "/events/batch", body);
    assertThat(batch.status()).isEqualTo(201);
    assertThat(batch.json().get("accepted").asInt()).isEqualTo(2);
    assertThat(batch.json().get("eventIds").get(0).asText()).isEqualTo(parent);

    Http.Reply retry = http.post("api/v1/traces/" + id + "/events/batch", body);
    assertThat(retry.json().get("accepted").asInt()).isZero();
    assertThat(retry.json().get("alreadyRecorded").asInt()).isEqualTo(2);
    assertThat(retry.json().get("alreadyRecordedIds")).extracting(JsonNode::asText).containsExactly(parent, child);

    JsonNode tree = http.get("api/v1/traces/" + id + "/events/tree").json();
    assertThat(tree).hasSize(1);
    assertThat(tree.get(0).get("children").get(0).get("event").get("type").asText()).isEqualTo("sub");
  }

  @Test
  void batchesMayBeNdjsonAndGzipped() throws Exception {
    String id = activeTrace();
    String ndjson = "{\"type\":\"a\"}\n{\"type\":\"b\",\"level\":\"warn\"}\n\n{\"type\":\"c\"}\n";

    Http.Reply plain = http.post("api/v1/traces/" + id + "/events/batch", "application/x-ndjson",
        HttpRequest.BodyPublishers.ofString(ndjson));
    Http.Reply zipped = http.post("api/v1/traces/" + id + "/events/batch", "application/json",
        HttpRequest.BodyPublishers.ofByteArray(gzip("[{\"type\":\"d\"}]".getBytes(StandardCharsets.UTF_8))),
        "Content-Encoding", "gzip");

    assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
    assertThat(plain.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(zipped.status()).as(zipped.toString()).isEqualTo(201);
    assertThat(http.get("api/v1/traces/" + id).json().get("events")).extracting(e -> e.get("type").asText())
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void eventsOfManyTracesGoInOneRequestAsNdjsonGzippedOrJson() throws Exception {
    String first = activeTrace();
    String second = activeTrace();
    String parent = UUID.randomUUID().toString();
    String ndjson = "{\"traceId\":\"" + first + "\",\"id\":\"" + parent + "\",\"type\":\"a\"}\n"
        + "{\"traceId\":\"" + second + "\",\"type\":\"b\"}\n"
        + "{\"traceId\":\"" + first + "\",\"type\":\"c\",\"parentEventId\":\"" + parent + "\"}\n";

    Http.Reply zipped = http.post("api/v1/events", "application/x-ndjson",
        HttpRequest.BodyPublishers.ofByteArray(gzip(ndjson.getBytes(StandardCharsets.UTF_8))),
        "Content-Encoding", "gzip");
    Http.Reply json = http.post("api/v1/events", "[{\"traceId\":\"" + second + "\",\"type\":\"d\"}]");

    assertThat(zipped.status()).as(zipped.toString()).isEqualTo(201);
    assertThat(zipped.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(json.status()).as(json.toString()).isEqualTo(201);
    JsonNode firstTree = http.get("api/v1/traces/" + first + "/events/tree").json();
    assertThat(firstTree).hasSize(1);
    assertThat(firstTree.get(0).get("children").get(0).get("event").get("type").asText()).isEqualTo("c");
    assertThat(http.get("api/v1/traces/" + second).json().get("events")).extracting(e -> e.get("type").asText())
        .containsExactly("b", "d");

    Http.Reply retry = http.post("api/v1/events", "application/x-ndjson", HttpRequest.BodyPublishers.ofString(
        "{\"traceId\":\"" + first + "\",\"id\":\"" + parent + "\",\"type\":\"a\"}"));
    assertThat(retry.json().get("alreadyRecordedIds")).extracting(JsonNode::asText).containsExactly(parent);

    Http.Reply refused = http.post("api/v1/events",
        "[{\"traceId\":\"" + first + "\",\"type\":\"e\"},{\"type\":\"f\"},"
            + "{\"traceId\":\"" + UUID.randomUUID() + "\",\"type\":\"g\"}]");
    assertProblem(refused, 400, "invalid-input");
    assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("events[1].traceId");
    Http.Reply unknownTrace = http.post("api/v1/events",
        "[{\"traceId\":\"" + first + "\",\"type\":\"e\"},{\"traceId\":\"" + UUID.randomUUID() + "\",\"type\":\"g\"}]");
    assertProblem(unknownTrace, 400, "invalid-input");
    assertThat(unknownTrace.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("events[1].traceId");
    assertThat(http.get("api/v1/traces/" + first).json().get("events")).hasSize(2);
  }

  @Test
  void badBulkBodiesAreClientErrorsAndStoreNothing() throws Exception {
    String id = activeTrace();
    String batch = "api/v1/traces/" + id + "/events/batch";

    Http.Reply badItem = http.post(batch, "application/x-ndjson",
        HttpRequest.BodyPublishers.ofString("{\"type\":\"a\"}\n{\"type\":\"b\",\"level\":\"loud\"}\n"));
    assertProblem(badItem, 400, "invalid-input");
    assertThat(badItem.json().get("errors").get(0).get("field").asText()).isEqualTo("events[1].level");

    Http.Reply badLine = http.post(batch, "application/x-ndjson",
        HttpRequest.BodyPublishers.ofString("{\"type\":\"a\"}\n{\"type\": oops}\n"));
    assertProblem(badLine, 400, "malformed-body");
    assertThat(badLine.json().get("detail").asText()).contains("line 2");

    byte[] whole = gzip("[{\"type\":\"a\"}]".getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 8);
    assertProblem(http.post(batch, "application/json", HttpRequest.BodyPublishers.ofByteArray(truncated),
        "Content-Encoding", "gzip"), 400, "malformed-body");

    byte[] invalidUtf8 = {'[', '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'};
    assertProblem(http.post(batch, "application/json", HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)),
        400, "malformed-body");

    // 20 MB of blanks gzip to a few kilobytes: the limit counts what the body inflates to.
    byte[] blanks = new byte[20 * 1024 * 1024];
    Arrays.fill(blanks, (byte) ' ');
    byte[] bomb = gzip(blanks);
    assertProblem(http.post(batch, "application/json", HttpRequest.BodyPublishers.ofByteArray(bomb),
        "Content-Encoding", "gzip"), 413, "body-too-large");

    // A chunked body with no Content-Length is cut off once it passes the limit: the server
    // answers 413 and may close the connection before the client has sent everything.
    try {
      Http.Reply streamed = http.post(batch, "application/json",
          HttpRequest.BodyPublishers.ofInputStream(() -> new BlankStream(11L * 1024 * 1024)));
      assertProblem(streamed, 413, "body-too-large");
    } catch (java.io.UncheckedIOException closedBeforeTheUploadEnded) {
      assertThat(closedBeforeTheUploadEnded.getCause()).hasMessageContaining("EOF");
    }

    assertThat(http.get("api/v1/traces/" + id).json().get("events")).isEmpty();
  }

  /** {@code length} bytes of blanks, made as they are read: a large body that costs no memory. */
  private static final class BlankStream extends java.io.InputStream {
    private long left;

    BlankStream(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      return left-- > 0 ? ' ' : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      Arrays.fill(buffer, offset, offset + n, (byte) ' ');
      left -= n;
      return n;
    }
  }

  private static byte[] gzip(byte[] plain) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(plain);
    }
    return out.toByteArray();
  }

  @Test
  void aBatchWithOneBadItemStoresNothing() {
    String id = activeTrace();
    recordEvent(id, "{\"type\":\"kept\"}");

    Http.Reply refused = http.post("api/v1/traces/" + id + "/events/batch",
        "[{\"type\":\"a\"},{\"type\":\"b\",\"durationMs\":-1},{\"type\":\" \"}]");

    assertProblem(refused, 400, "invalid-input");
    assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("events[1].durationMs", "events[2].type");
    assertThat(http.get("api/v1/traces/" + id).json().get("events")).extracting(e -> e.get("type").asText())
        .containsExactly("kept");
  }

  @Test
  void illegalTransitionsAndEventsOnEndedTracesConflict() {
    String id = activeTrace();
    assertThat(http.post("api/v1/traces/" + id + "/fail", "{\"reason\":\"upstream timed out\"}").json()
        .get("failureReason").asText()).isEqualTo("upstream timed out");

    assertProblem(http.post("api/v1/traces/" + id + "/complete", ""), 409, "state-conflict");
    assertProblem(http.post("api/v1/traces/" + id + "/cancel", ""), 409, "state-conflict");
    assertProblem(http.post("api/v1/traces/" + id + "/events", "{\"type\":\"late\"}"), 409, "state-conflict");

    JsonNode stored = http.get("api/v1/traces/" + id).json();
    assertThat(stored.get("trace").get("status").asText()).isEqualTo("failed");
    assertThat(stored.get("events")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON      | {\"contextId\":                                             | malformed-body | ",
        "unknown enum value  | {\"contextId\":\"c\",\"type\":\"bogus\",\"name\":\"n\"}      | invalid-input  | type",
        "missing fields      | {\"type\":\"custom\"}                                       | invalid-input  | contextId,name",
        "unknown field       | {\"contextId\":\"c\",\"type\":\"custom\",\"name\":\"n\",\"x\":1} | invalid-input | x",
        "wrong value type    | {\"contextId\":\"c\",\"type\":\"custom\",\"name\":\"n\",\"tags\":\"eu\"} | invalid-input | tags",
        "blank tag           | {\"contextId\":\"c\",\"type\":\"custom\",\"name\":\"n\",\"tags\":[\"a\",\" \"]} | invalid-input | tags[1]",
        "no body             |                                                              | invalid-input  | body",
        "NUL in a field      | {\"contextId\":\"a\\u0000b\",\"type\":\"custom\",\"name\":\"n\"} | invalid-input | contextId",
        "NUL in metadata     | {\"contextId\":\"c\",\"type\":\"custom\",\"name\":\"n\",\"metadata\":{\"k\":\"\\u0000\"}} | invalid-input | metadata.k",
      })
  void badTraceBodiesGetProblemDetailsNamingTheFields(String why, String body, String type, String fields) {
    Http.Reply reply = http.post("api/v1/traces", body == null ? "" : body);

    assertProblem(reply, 400, type);
    if (fields != null) {
      assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText())
          .containsExactly(fields.split(","));
    }
    assertThat(http.get("api/v1/traces?contextId=c").json().get("totalItems").asLong()).isZero();
  }

  @Test
  void badIdsUnknownTracesAndBadQueriesAreClientErrors() {
    assertProblem(http.get("api/v1/traces/not-a-uuid"), 400, "invalid-input");
    assertThat(http.get("api/v1/traces/not-a-uuid").json().get("errors").get(0).get("field").asText()).isEqualTo("id");
    assertProblem(http.get("api/v1/traces/" + UUID.randomUUID()), 404, "not-found");
    assertProblem(http.post("api/v1/traces/" + UUID.randomUUID() + "/complete", ""), 404, "not-found");
    assertProblem(http.post("api/v1/traces/" + UUID.randomUUID() + "/events", "{\"type\":\"x\"}"), 404, "not-found");
    assertProblem(http.get("api/v1/traces?status=bogus"), 400, "invalid-input");
    assertProblem(http.get("api/v1/traces?size=0"), 400, "invalid-input");
    assertProblem(http.get("api/v1/traces?from=yesterday"), 400, "invalid-input");
    assertProblem(http.get("api/v1/traces?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "invalid-input");
    assertProblem(http.get("api/v1/traces?sort=colour"), 400, "invalid-input");
    assertProblem(http.get("api/v1/traces?hasErrors=maybe"), 400, "invalid-input");
  }

  @Test
  void oversizedAndForeignBodiesAreRefused() {
    byte[] eleven = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(eleven, (byte) ' ');
    assertProblem(http.post("api/v1/traces", "application/json", HttpRequest.BodyPublishers.ofByteArray(eleven)),
        413, "body-too-large");
    assertProblem(http.post("api/v1/traces", "text/plain", HttpRequest.BodyPublishers.ofString("x")),
        415, "unsupported-media-type");
  }

  @Test
  void listsFiltersAndPagesTraces() {
    String failed = activeTrace();
    http.post("api/v1/traces/" + failed + "/events", "{\"type\":\"boom\",\"level\":\"critical\"}");
    http.post("api/v1/traces/" + failed + "/fail", "{\"reason\":\"boom\"}");
    String active = activeTrace();
    String third = activeTrace();

    JsonNode all = http.get("api/v1/traces?contextId=" + contextId + "&size=2").json();
    assertThat(all.get("totalItems").asLong()).isEqualTo(3);
    assertThat(all.get("totalPages").asLong()).isEqualTo(2);
    assertThat(all.get("items")).extracting(t -> t.get("id").asText()).containsExactly(third, active);
    assertThat(ids("contextId=" + contextId + "&page=1&size=2")).containsExactly(failed);
    assertThat(ids("contextId=" + contextId + "&status=failed")).containsExactly(failed);
    assertThat(ids("contextId=" + contextId + "&status=active,failed&sort=startedAt,asc"))
        .containsExactly(failed, active, third);
    assertThat(ids("contextId=" + contextId + "&hasErrors=true")).containsExactly(failed);
    assertThat(ids("contextId=" + contextId + "&hasErrors=false&type=api_request")).containsExactly(third, active);
    assertThat(ids("contextId=" + contextId + "&tag=eu&tag=checkout")).containsExactly(third, active, failed);
    assertThat(ids("contextId=" + contextId + "&tag=nope")).isEmpty();
  }

  @Test
  void deletingATraceRemovesItAndItsEvents() {
    String id = activeTrace();
    recordEvent(id, "{\"type\":\"x\"}");

    assertThat(http.delete("api/v1/traces/" + id).status()).isEqualTo(204);

    assertProblem(http.get("api/v1/traces/" + id), 404, "not-found");
    assertProblem(http.delete("api/v1/traces/" + id), 404, "not-found");
  }

  @Test
  void healthIncludesTheDatabaseAndTheApiIsDescribed() {
    Http.Reply health = http.get("/health/ready");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("checks")).extracting(c -> c.get("name").asText()).contains("database");
    Http.Reply openApi = http.get("/openapi");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/v1/traces/{traceId}/events/tree").contains("Trace Module");
  }

  private List<String> ids(String query) {
    List<String> ids = new ArrayList<>();
    http.get("api/v1/traces?" + query).json().get("items").forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  private String activeTrace() {
    Http.Reply created = createTrace(
        "{\"contextId\":\"%s\",\"type\":\"api_request\",\"name\":\"GET /cart\",\"tags\":[\"eu\",\"checkout\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private Http.Reply createTrace(String template) {
    return http.post("api/v1/traces", template.formatted(contextId));
  }

  private String recordEvent(String traceId, String body) {
    Http.Reply reply = http.post("api/v1/traces/" + traceId + "/events", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().get("id").asText();
  }

  private static void assertProblem(Http.Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("type").asText()).isEqualTo("https://tracemodule.dev/problems/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(reply.body()).as("fields in RFC 9457 order, empty lists left out").startsWith("{\"type\":");
    assertThat(problem.has("errors")).isEqualTo(type.equals("invalid-input"));
  }
}
