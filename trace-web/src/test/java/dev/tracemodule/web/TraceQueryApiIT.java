package dev.tracemodule.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.time.Instant;
import java.util.ArrayList;
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

/** Queries, aggregations, metrics and dashboards over real HTTP, on Payara Micro and PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TraceQueryApiIT {

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
  void queriesFilterByEveryKindOfMember() {
    String checkout = trace("api_request", "POST /checkout", "{\"region\":\"eu\",\"tier\":\"gold\"}", "[\"eu\",\"beta\"]");
    event(checkout, "error");
    end(checkout, "fail", "{\"reason\":\"declined\"}");
    String export = trace("background_task", "nightly export", "{\"region\":\"us\"}", "[\"us\"]");
    event(export, "warn");
    end(export, "complete", "");
    String running = trace("api_request", "GET /cart", "{}", "[]");
    event(running, "critical");

    assertThat(ids("{\"contextIds\":[\"%s\"]}")).containsExactly(running, export, checkout);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"types\":[\"api_request\"],\"hasErrors\":true}"))
        .containsExactly(running, checkout);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"statuses\":[\"completed\",\"failed\"],\"hasErrors\":false}"))
        .containsExactly(export);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"metadataContains\":{\"tier\":\"gold\"}}")).containsExactly(checkout);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"tagsAny\":[\"us\",\"beta\"]}")).containsExactly(export, checkout);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"tagsAll\":[\"eu\",\"beta\"]}")).containsExactly(checkout);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"nameContains\":\"EXPORT\"}")).containsExactly(export);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"minEventLevel\":\"error\"}")).containsExactly(running, checkout);
    assertThat(ids("{\"contextIds\":[\"%s\"],\"minDurationMs\":0}")).containsExactly(export, checkout);
  }

  @Test
  void aCursorWalksEveryTraceOnce() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(0, trace("custom", "t" + i, "{}", "[]"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      String page = cursor == null ? "{\"size\":2}" : "{\"size\":2,\"cursor\":\"" + cursor + "\"}";
      JsonNode answer = query("{\"filter\":{\"contextIds\":[\"" + contextId + "\"]},\"page\":" + page + "}").json();
      answer.get("items").forEach(item -> seen.add(item.get("id").asText()));
      cursor = answer.get("nextCursor").isNull() ? null : answer.get("nextCursor").asText();
      if (seen.size() == 2) {
        trace("custom", "arrives meanwhile", "{}", "[]"); // newer than all: must not shift the walk
      }
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void aggregatesInTheDatabaseWithOnlyTheMeasuresAskedFor() {
    String quick = trace("api_request", "GET /a", "{\"region\":\"eu\"}", "[]");
    event(quick, "info");
    end(quick, "complete", "");
    String failed = trace("api_request", "GET /b", "{\"region\":\"eu\"}", "[]");
    event(failed, "error");
    event(failed, "debug");
    end(failed, "fail", "{\"reason\":\"x\"}");
    trace("background_task", "job", "{}", "[]");

    JsonNode answer = query("{\"filter\":{\"contextIds\":[\"" + contextId + "\"]},"
        + "\"aggregation\":{\"groupBy\":[\"type\",\"metadata.region\"],\"measures\":[\"count\",\"errorRate\",\"eventsByLevel\",\"p95Duration\"]},"
        + "\"page\":{\"size\":0}}").json();

    assertThat(answer.get("items")).isEmpty();
    assertThat(answer.get("totalItems").asLong()).isEqualTo(3);
    JsonNode rows = answer.get("aggregations");
    assertThat(rows).hasSize(2);
    JsonNode requests = rows.get(0);
    assertThat(requests.get("group").toString()).isEqualTo("{\"type\":\"api_request\",\"metadata.region\":\"eu\"}");
    assertThat(requests.get("count").asLong()).isEqualTo(2);
    assertThat(requests.get("errorRate").asDouble()).isEqualTo(0.5);
    assertThat(requests.get("eventsByLevel").toString())
        .isEqualTo("{\"debug\":1,\"info\":1,\"warn\":0,\"error\":1,\"critical\":0}");
    assertThat(requests.get("p95DurationMs").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(requests.has("avgDurationMs")).as("not asked for").isFalse();
    JsonNode tasks = rows.get(1);
    assertThat(tasks.get("group").get("metadata.region").isNull()).isTrue();
    assertThat(tasks.get("p95DurationMs")).as("no ended trace in the group").isNull();
  }

  @Test
  void badQueriesNameTheFieldAtFault() {
    assertField(query("{\"aggregation\":{\"groupBy\":[\"type\",\"colour\"]}}"), "aggregation.groupBy[1]");
    assertField(query("{\"aggregation\":{\"measures\":[\"count\",\"median\"]}}"), "aggregation.measures[1]");
    assertField(query("{\"aggregation\":{\"groupBy\":[\"time.2h\"]}}"), "aggregation.groupBy[0]");
    assertField(query("{\"filter\":{\"startedFrom\":\"2026-02-01T00:00:00Z\",\"startedTo\":\"2026-01-01T00:00:00Z\"}}"),
        "filter.startedTo");
    assertField(query("{\"filter\":{\"minDurationMs\":-1}}"), "filter.minDurationMs");
    assertField(query("{\"page\":{\"cursor\":\"bm9wZQ\"}}"), "page.cursor");
    assertField(query("{\"page\":{\"size\":5000}}"), "page.size");
    assertField(query("{\"page\":{\"sortBy\":\"name\",\"cursor\":\"" + cursorOfSomePage() + "\"}}"), "page.cursor");
    Http.Reply unknownMember = query("{\"filter\":{\"colour\":\"red\"}}");
    assertThat(unknownMember.status()).as(unknownMember.toString()).isEqualTo(400);
    assertThat(unknownMember.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void metricsComeFromTheDatabaseAndTheServer() throws Exception {
    Instant from = Instant.now().minusMillis(5);
    String ok = trace("api_request", "GET /a", "{}", "[]");
    event(ok, "info");
    event(ok, "error");
    end(ok, "complete", "");
    trace("api_request", "GET /b", "{}", "[]");
    String range = "from=" + from + "&to=" + from.plusSeconds(60);

    JsonNode metrics = http.get("api/v1/metrics?" + range).json();
    assertThat(metrics.get("requestCount").asLong()).isEqualTo(2);
    assertThat(metrics.get("errorRate").asDouble()).isEqualTo(0.5);
    assertThat(metrics.get("activeTraces").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(metrics.get("eventsPerSecond").asDouble()).isEqualTo(2 / 60.0);
    assertThat(metrics.get("responseTime").get("p95Ms").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(metrics.get("system").get("heapUsedBytes").asLong()).isPositive();
    assertThat(metrics.get("system").get("threads").asInt()).isPositive();

    JsonNode onlyCount = http.get("api/v1/metrics?" + range + "&types=request_count").json();
    assertThat(onlyCount.get("requestCount").asLong()).isEqualTo(2);
    assertThat(onlyCount.get("responseTime").isNull()).isTrue();
    assertThat(onlyCount.get("system").isNull()).isTrue();

    // The server's own MicroProfile Metrics, counted after each commit.
    String prometheus = http.get("/metrics?scope=application").body();
    assertThat(prometheus).containsPattern("trace_traces_created_total\\{[^}]*type=\"api_request\"[^}]*\\} [1-9]");
    assertThat(prometheus).containsPattern("trace_events_recorded_total\\{[^}]*level=\"error\"[^}]*\\} [1-9]");
    assertThat(prometheus).containsPattern("trace_duration\\w*_count\\{[^}]*type=\"api_request\"[^}]*\\} [1-9]");
    assertThat(prometheus).containsPattern("trace_traces_active\\{[^}]*\\} [1-9]");
  }

  @Test
  void aDashboardSumsUpSeriesErrorsAndTrends() {
    Instant from = Instant.now().minusMillis(5);
    String declined = trace("api_request", "POST /pay", "{}", "[]");
    http.post("api/v1/traces/" + declined + "/events", "{\"type\":\"payment\",\"level\":\"error\",\"message\":\"card 4242 declined\"}");
    end(declined, "fail", "{\"reason\":\"declined\"}");
    String other = trace("api_request", "POST /pay", "{}", "[]");
    http.post("api/v1/traces/" + other + "/events", "{\"type\":\"payment\",\"level\":\"error\",\"message\":\"card 17 declined\"}");
    end(other, "complete", "");
    Instant to = from.plusSeconds(120);

    JsonNode dashboard = http.get("api/v1/dashboard?from=" + from + "&to=" + to + "&groupBy=1m&metrics=trace_count,error_rate").json();

    JsonNode summary = dashboard.get("summary");
    assertThat(summary.get("totalTraces").asLong()).isEqualTo(2);
    assertThat(summary.get("successRate").asDouble()).isEqualTo(0.5);
    assertThat(summary.get("errorCount").asLong()).isEqualTo(2);
    JsonNode counts = dashboard.get("timeSeries").get("trace_count");
    assertThat(counts.size()).isBetween(2, 3); // two minutes, three buckets if not aligned
    long total = 0;
    for (JsonNode point : counts) {
      total += point.get("value").asLong();
    }
    assertThat(total).isEqualTo(2);
    assertThat(dashboard.get("timeSeries").has("avg_duration")).as("not asked for").isFalse();
    JsonNode topError = dashboard.get("topErrors").get(0);
    assertThat(topError.get("type").asText()).isEqualTo("payment");
    assertThat(topError.get("message").asText()).isEqualTo("card <n> declined");
    assertThat(topError.get("count").asLong()).isEqualTo(2);
    assertThat(List.of(declined, other)).contains(topError.get("exampleTraceId").asText());
    assertThat(dashboard.get("trends").get("totalTraces").get("current").asDouble()).isEqualTo(2.0);

    assertField(http.get("api/v1/dashboard?groupBy=2h"), "groupBy");
    assertField(http.get("api/v1/dashboard?from=" + to + "&to=" + from), "to");
    assertField(http.get("api/v1/metrics?types=bogus"), "types");
  }

  @Test
  void smallExportsStreamBackWithTheirFileName() throws Exception {
    String first = trace("api_request", "=cmd|' /C calc'!A0", "{}", "[]");
    event(first, "info");
    trace("custom", "second", "{}", "[]");

    Http.Reply csv = http.post("api/v1/exports?mode=stream",
        "{\"filter\":{\"contextIds\":[\"" + contextId + "\"]},\"format\":\"csv\"}");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"traces.csv\"");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("trace_id,context_id,");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains(first).contains(",\"'=cmd|' /C calc'!A0\",");

    HttpResponse<byte[]> gzip = java.net.http.HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(baseUrl.toURI().resolve("api/v1/exports?mode=stream"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"filter\":{\"contextIds\":[\"" + contextId
                + "\"]},\"format\":\"ndjson\",\"compression\":\"gzip\",\"includeEvents\":true}"))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzip.statusCode()).isEqualTo(200);
    assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
    String ndjson = new String(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ndjson.lines().map(line -> line.substring(0, 15))).containsExactly(
        "{\"kind\":\"trace\"", "{\"kind\":\"event\"", "{\"kind\":\"trace\"");
  }

  @Test
  void aJobReportsProgressAndServesItsFileOnce() throws Exception {
    for (int i = 0; i < 3; i++) {
      String id = trace("api_request", "t" + i, "{}", "[]");
      event(id, "info");
      event(id, "warn");
    }
    Http.Reply started = http.post("api/v1/exports",
        "{\"filter\":{\"contextIds\":[\"" + contextId + "\"]},\"format\":\"parquet\",\"includeEvents\":true,\"includeMetrics\":true}");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = started.header("Location");
    String id = started.json().get("id").asText();
    assertThat(location).endsWith("/api/v1/exports/" + id);
    assertThat(started.json().get("status").asText()).isEqualTo("queued");

    JsonNode job = waitFor(id, "done");
    assertThat(job.get("rowsTotal").asLong()).isEqualTo(9);
    assertThat(job.get("rowsWritten").asLong()).isEqualTo(9);
    assertThat(job.get("percent").asDouble()).isEqualTo(100.0);
    assertThat(job.get("bytesWritten").asLong()).isPositive();
    assertThat(job.get("startedAt").isNull()).isFalse();
    assertThat(job.get("finishedAt").isNull()).isFalse();

    HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(baseUrl.toURI().resolve("api/v1/exports/" + id + "/file")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).contains("application/zip");
    assertThat(file.body().length).isEqualTo(job.get("bytesWritten").asInt());
    List<String> entries = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file.body()))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.add(entry.getName());
        if (entry.getName().endsWith(".parquet")) {
          byte[] bytes = zip.readAllBytes();
          assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        }
      }
    }
    assertThat(entries).containsExactly("events.parquet", "traces.parquet", "metrics.json");
    assertThat(http.get("/metrics?scope=application").body()).containsPattern("trace_exports_finished_total\\{[^}]*format=\"parquet\"");

    assertThat(http.delete("api/v1/exports/" + id).status()).isEqualTo(204);
    assertThat(http.get("api/v1/exports/" + id).status()).isEqualTo(404);
    assertThat(exportFiles(id)).isEmpty();
  }

  @Test
  void aCancelledJobStopsAndLeavesNoFile() throws Exception {
    trace("custom", "x", "{}", "[]");
    String id = http.post("api/v1/exports", "{\"filter\":{\"contextIds\":[\"" + contextId + "\"]},\"format\":\"csv\"}")
        .json().get("id").asText();
    Http.Reply cancelled = http.delete("api/v1/exports/" + id);
    // A small export may finish before the cancel arrives: then it is deleted instead.
    assertThat(cancelled.status()).isIn(200, 204);
    if (cancelled.status() == 200) {
      assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
      assertThat(waitFor(id, "cancelled").get("finishedAt").isNull()).isFalse();
      assertThat(http.get("api/v1/exports/" + id + "/file").status()).isEqualTo(409);
    } else {
      assertThat(http.get("api/v1/exports/" + id).status()).isEqualTo(404);
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!exportFiles(id).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(exportFiles(id)).as("no partial or finished file is left").isEmpty();
  }

  @Test
  void badExportsAreProblemDetails() {
    assertField(http.post("api/v1/exports", "{\"format\":\"xlsx\"}"), "format");
    assertField(http.post("api/v1/exports?mode=stream", "{\"format\":\"parquet\",\"compression\":\"gzip\"}"), "compression");
    assertField(http.post("api/v1/exports?mode=stream", "{\"format\":\"csv\",\"filter\":{\"startedFrom\":\"2026-02-01T00:00:00Z\",\"startedTo\":\"2026-01-01T00:00:00Z\"}}"),
        "filter.startedTo");
    assertField(http.post("api/v1/exports", "{}"), "format");
    assertField(http.post("api/v1/exports?mode=later", "{\"format\":\"csv\"}"), "mode");
    assertThat(http.get("api/v1/exports/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  private JsonNode waitFor(String exportId, String status) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    JsonNode job;
    do {
      job = http.get("api/v1/exports/" + exportId).json();
      if (job.get("status").asText().equals(status)) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("export " + exportId + " is " + job + ", not " + status);
  }

  /** The export's files in the server's export directory (this machine's temp directory). */
  private static List<java.nio.file.Path> exportFiles(String exportId) throws java.io.IOException {
    java.nio.file.Path directory = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "trace-exports");
    if (!java.nio.file.Files.isDirectory(directory)) {
      return List.of();
    }
    try (var files = java.nio.file.Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().startsWith(exportId)).toList();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private String cursorOfSomePage() {
    trace("custom", "a", "{}", "[]");
    trace("custom", "b", "{}", "[]");
    return query("{\"filter\":{\"contextIds\":[\"" + contextId + "\"]},\"page\":{\"size\":1}}").json()
        .get("nextCursor").asText();
  }

  private static void assertField(Http.Reply reply, String field) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().get("errors")).extracting(error -> error.get("field").asText()).contains(field);
  }

  private List<String> ids(String filterTemplate) {
    Http.Reply reply = query("{\"filter\":" + filterTemplate.formatted(contextId) + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private Http.Reply query(String body) {
    return http.post("api/v1/traces/query", body);
  }

  private String trace(String type, String name, String metadata, String tags) {
    Http.Reply created = http.post("api/v1/traces", "{\"contextId\":\"%s\",\"type\":\"%s\",\"name\":\"%s\",\"metadata\":%s,\"tags\":%s}"
        .formatted(contextId, type, name, metadata, tags));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private void event(String traceId, String level) {
    Http.Reply reply = http.post("api/v1/traces/" + traceId + "/events", "{\"type\":\"step\",\"level\":\"" + level + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private void end(String traceId, String how, String body) {
    Http.Reply reply = http.post("api/v1/traces/" + traceId + "/" + how, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }
}
