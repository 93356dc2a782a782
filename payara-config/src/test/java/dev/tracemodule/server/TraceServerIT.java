package dev.tracemodule.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runnable server as a user starts it: {@code java -jar trace-server.jar}, on a database it
 * creates itself. What it acknowledged survives a stop by SIGTERM and a new start; with the
 * standard {@code OTEL_*} variables set, it traces its own requests over OTLP.
 */
class TraceServerIT {

  private static final String DATABASE = "trace_it_server";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Process server;

  @AfterEach
  void stop() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    dropDatabase();
  }

  @Test
  void acknowledgedDataSurvivesARestartAndSigtermStopsTheServer() throws Exception {
    dropDatabase();
    int port = freePort();
    server = start(port, "first");

    String id = post(port, "/api/v1/traces",
        "{\"contextId\":\"restart\",\"type\":\"background_task\",\"name\":\"nightly import\"}").get("id").asText();
    String root = post(port, "/api/v1/traces/" + id + "/events", "{\"type\":\"load\"}").get("id").asText();
    post(port, "/api/v1/traces/" + id + "/events/batch",
        "[{\"type\":\"row\",\"parentEventId\":\"" + root + "\"},{\"type\":\"warn\",\"level\":\"warn\"}]");
    double duration = post(port, "/api/v1/traces/" + id + "/complete", "").get("durationMs").asDouble();

    server.destroy(); // SIGTERM
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();

    server = start(port, "second");
    JsonNode details = get(port, "/api/v1/traces/" + id);
    assertThat(details.get("trace").get("status").asText()).isEqualTo("completed");
    assertThat(details.get("trace").get("durationMs").asDouble()).isEqualTo(duration);
    assertThat(details.get("events")).extracting(e -> e.get("type").asText()).containsExactly("load", "row", "warn");
    assertThat(details.get("summary").get("warningCount").asInt()).isEqualTo(1);
    JsonNode tree = get(port, "/api/v1/traces/" + id + "/events/tree");
    assertThat(tree.get(0).get("children").get(0).get("event").get("type").asText()).isEqualTo("row");
  }

  @Test
  void withTheOtelVariablesSetItsOwnRequestsAreExportedOverOtlpInTheCallersTrace() throws Exception {
    dropDatabase();
    int port = freePort();
    // The server exports its own spans to its own OTLP receiver: what it sends, it stores.
    server = start(port, "telemetry", Map.of(
        "OTEL_SDK_DISABLED", "false",
        "OTEL_SERVICE_NAME", "trace-module-it",
        "OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + port,
        "OTEL_BSP_SCHEDULE_DELAY", "100"));

    String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String callerSpan = "00f067aa0ba902b7";
    HttpResponse<String> created = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/traces"))
            .header("Content-Type", "application/json")
            .header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
            .POST(HttpRequest.BodyPublishers.ofString("{\"contextId\":\"caller\",\"type\":\"custom\",\"name\":\"linked\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("otelTraceId").asText()).isEqualTo(callerTrace);

    // The server's span of that request arrives through the exporter's next batch.
    JsonNode imported = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (imported == null && System.nanoTime() < deadline) {
      for (JsonNode trace : get(port, "/api/v1/traces?otelTraceId=" + callerTrace).get("items")) {
        for (JsonNode tag : trace.get("tags")) {
          if (tag.asText().equals("otlp")) {
            imported = trace;
          }
        }
      }
      Thread.sleep(250);
    }
    assertThat(imported).as("the server's own span, exported over OTLP").isNotNull();
    assertThat(imported.get("contextId").asText()).isEqualTo("trace-module-it");
    JsonNode events = get(port, "/api/v1/traces/" + imported.get("id").asText()).get("events");
    assertThat(events).as("the server's one span of that request").hasSize(1);
    JsonNode span = events.get(0);
    assertThat(span.get("type").asText()).isEqualTo("span");
    assertThat(span.get("data").get("otel").get("kind").asText()).isEqualTo("server");
    assertThat(span.get("data").get("otel").get("parentSpanId").asText()).as("a child of the caller's span")
        .isEqualTo(callerSpan);
    // Payara names the span by joining the paths as written: each @Path starts with a slash.
    assertThat(span.get("message").asText()).isEqualTo("POST /api/v1/traces");
  }

  private Process start(int port, String run) throws Exception {
    return start(port, run, Map.of());
  }

  private Process start(int port, String run, Map<String, String> environment) throws Exception {
    Path log = Path.of("target", "trace-server-" + run + ".log");
    // A fresh runtime directory: one left from an earlier run would redeploy what it held.
    Path root = Path.of("target", "payara-" + run);
    deleteRecursively(root);
    Files.createDirectories(root);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    javaBin(), "-jar", System.getProperty("trace.serverJar"),
                    "--port", String.valueOf(port), "--rootdir", root.toAbsolutePath().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("TRACE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
    builder.environment().putAll(environment);
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("server running; see " + log).isTrue();
      try {
        HttpResponse<String> health = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("server not ready within 180 s; see " + log);
  }

  private JsonNode post(int port, String path, String json) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void dropDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement drop = admin.createStatement()) {
      drop.execute("drop database if exists " + DATABASE + " with (force)");
    }
  }
}
