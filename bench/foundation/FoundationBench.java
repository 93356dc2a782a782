import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Foundation benchmark, JDK only: run with bench/foundation/run.sh.
 *
 * <p>1. Launch to first HTTP 200 on /health: trace-server.jar next to a bare Payara Micro serving
 * an empty WAR, alternating, several rounds, in one run. 2. Latency of single POST
 * /api/v1/traces/{id}/events calls, one client, sequential, after a warm-up.
 */
public class FoundationBench {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path payaraMicro = Path.of(opts.get("payara-micro"));
    Path emptyWar = Path.of(opts.get("empty-war"));
    Path traceServer = Path.of(opts.get("trace-server"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
    int events = Integer.parseInt(opts.getOrDefault("events", "10000"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2000"));
    String dbUrl = opts.getOrDefault("db-url", "jdbc:postgresql://127.0.0.1:5432/trace_bench");
    Path work = Files.createDirectories(Path.of(opts.getOrDefault("work", "bench/out")));

    System.out.printf("machine: %d cores, java %s%n%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    List<Double> bare = new ArrayList<>();
    List<Double> trace = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      bare.add(startAndStop(List.of(java(), "-jar", payaraMicro.toString(), "--nocluster",
          "--deploy", emptyWar.toString(), "--contextroot", "/"), Map.of(), work, "bare-" + round));
      trace.add(startAndStop(List.of(java(), "-jar", traceServer.toString()),
          Map.of("TRACE_DB_URL", dbUrl), work, "trace-" + round));
    }
    System.out.println("Launch to first 200 on /health (seconds), " + rounds + " rounds, alternating:");
    System.out.printf(Locale.ROOT, "  %-38s median %6.2f   min %6.2f   max %6.2f%n", "bare Payara Micro, empty WAR",
        median(bare), min(bare), max(bare));
    System.out.printf(Locale.ROOT, "  %-38s median %6.2f   min %6.2f   max %6.2f%n", "trace-server.jar (PostgreSQL, migrated)",
        median(trace), min(trace), max(trace));
    System.out.printf(Locale.ROOT, "  difference of medians: %+.2f s%n%n", median(trace) - median(bare));

    // Latency of single-event POSTs against a running trace-server.
    int port = freePort();
    Process server = start(List.of(java(), "-jar", traceServer.toString(), "--port", String.valueOf(port)),
        Map.of("TRACE_DB_URL", dbUrl), work, "latency");
    try {
      waitForHealth(port, server, 180);
      String base = "http://127.0.0.1:" + port + "/api/v1/traces";
      String traceId = id(post(base, "{\"contextId\":\"bench\",\"type\":\"custom\",\"name\":\"latency\"}", 201));
      String eventsUrl = base + "/" + traceId + "/events";
      String body = "{\"type\":\"step\",\"level\":\"info\",\"message\":\"a step\",\"data\":{\"n\":1,\"k\":\"v\"}}";
      for (int i = 0; i < warmup; i++) {
        post(eventsUrl, body, 201);
      }
      long[] nanos = new long[events];
      long started = System.nanoTime();
      for (int i = 0; i < events; i++) {
        long t0 = System.nanoTime();
        post(eventsUrl, body, 201);
        nanos[i] = System.nanoTime() - t0;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "Single POST /api/v1/traces/{id}/events, one client, %d calls after %d warm-up:%n",
          events, warmup);
      System.out.printf(Locale.ROOT, "  p50 %.3f ms   p90 %.3f ms   p99 %.3f ms   p99.9 %.3f ms   max %.3f ms%n",
          pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), pct(nanos, 99.9), nanos[nanos.length - 1] / 1e6);
      System.out.printf(Locale.ROOT, "  %.0f calls/s; every call acknowledged with 201 after its transaction committed%n",
          events / seconds);
      long stored = countEvents(dbUrl, traceId);
      System.out.printf("  rows stored for the trace: %d (expected %d)%n", stored, events + warmup);
      if (stored != events + warmup) {
        throw new IllegalStateException("acknowledged events missing");
      }
    } finally {
      stop(server);
    }
  }

  private static double startAndStop(List<String> command, Map<String, String> env, Path work, String name)
      throws Exception {
    int port = freePort();
    List<String> withPort = new ArrayList<>(command);
    withPort.addAll(List.of("--port", String.valueOf(port)));
    long t0 = System.nanoTime();
    Process process = start(withPort, env, work, name);
    try {
      waitForHealth(port, process, 180);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      stop(process);
    }
  }

  private static Process start(List<String> command, Map<String, String> env, Path work, String name)
      throws IOException {
    Path root = work.resolve("payara-" + name);
    deleteRecursively(root);
    Files.createDirectories(root);
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("--rootdir", root.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void waitForHealth(int port, Process process, int seconds) throws Exception {
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue());
      }
      try {
        if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListening) {
        // not yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no 200 on /health within " + seconds + " s");
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String post(String url, String json, int expected) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static String id(String json) {
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }

  private static long countEvents(String dbUrl, String traceId) throws Exception {
    try (var connection = DriverManager.getConnection(dbUrl, "postgres", "");
        var query = connection.prepareStatement("select count(*) from event where trace_id = ?::uuid")) {
      query.setString(1, traceId);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().min(Comparator.naturalOrder()).orElseThrow();
  }

  private static double max(List<Double> values) {
    return values.stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, String> options(String[] args) {
    var map = new java.util.HashMap<String, String>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      map.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    for (String required : List.of("payara-micro", "empty-war", "trace-server")) {
      if (!map.containsKey(required)) {
        throw new IllegalArgumentException("missing --" + required + "=...");
      }
    }
    return map;
  }
}
