import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP benchmark, JDK, pgjdbc and opentelemetry-proto only: run with bench/otlp/run.sh.
 *
 * <p>Starts a trace-server.jar of its own and, in each round, sends the same spans twice: as
 * native NDJSON batches to {@code POST /api/v1/events} (into traces created beforehand, untimed),
 * and as OTLP/HTTP protobuf {@code ExportTraceServiceRequest}s to {@code POST /v1/traces}, which
 * creates its traces itself. Both sides send from C concurrent clients, one request in flight
 * each, bodies generated before timing. The rounds alternate which side goes first. At the end it
 * checks in PostgreSQL that everything acknowledged is stored.
 */
public class OtlpBench {

  private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/trace_otlp_bench";
  private static final String TENANT = "default";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final int ERRORS_SHOWN = 10;
  private static final double TARGET = 0.50;
  private static final HexFormat HEX = HexFormat.of();

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "; see bench/otlp/README.md");
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    System.out.printf("machine: %d cores, java %s; server -Xmx%s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), o.serverHeap(), o.jar());
    System.out.printf("%s; warm-up %d batches per side per round: not in the rates, in the row checks%n%n",
        o.describe(), o.warmup());

    List<String> failures = new ArrayList<>();
    int port = freePort();
    Path root = o.work().resolve("payara-root");
    Path log = o.work().resolve("server.log");
    Process server = startServer(o, port, root, log);
    Thread killServer = new Thread(server::destroy);
    Runtime.getRuntime().addShutdownHook(killServer); // Ctrl-C must not leave the server running
    try {
      long t0 = System.nanoTime();
      waitForReady(port, server, 180);
      System.out.printf(Locale.ROOT, "server ready on port %d in %.1f s (log %s)%n%n", port, secondsSince(t0), log);
      long logAtReady = Files.size(log);

      Bench bench = new Bench(o, "http://127.0.0.1:" + port, server);
      List<Round> rounds = new ArrayList<>();
      for (int r = 0; r < o.rounds(); r++) {
        rounds.add(bench.round(r));
      }
      List<String> checks = new ArrayList<>();
      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        for (Round round : rounds) {
          checks.add(round.nativeSide().verify(db, failures));
          checks.add(round.otlpSide().verify(db, failures));
          failures.addAll(round.nativeSide().errors());
          failures.addAll(round.otlpSide().errors());
        }
      }
      String summary = summary(o, rounds, checks, logSummary(log, logAtReady), secondsSince(started));
      System.out.println();
      System.out.print(summary);
      Files.writeString(o.work().resolve("summary.txt"), summary);
    } finally {
      stop(server);
      Runtime.getRuntime().removeShutdownHook(killServer);
      deleteRecursively(root);
    }
    if (!failures.isEmpty()) {
      System.err.println();
      System.err.println("FAILED:");
      failures.forEach(f -> System.err.println("  " + f));
      System.exit(1);
    }
  }

  /** The SUMMARY block: each round, the medians, the verdict, the row checks. */
  static String summary(Options o, List<Round> rounds, List<String> checks, String serverLog, double seconds) {
    StringBuilder s = new StringBuilder();
    s.append("SUMMARY  OTLP protobuf against native NDJSON, the same spans\n");
    s.append(o.describe()).append('\n');
    s.append(String.format(Locale.ROOT, "%d cores; load is the 1-minute load average as each timed run ended%n",
        Runtime.getRuntime().availableProcessors()));
    String columns = "%-6s%-14s%13s%14s%7s%19s%19s%13s%n";
    s.append(String.format(Locale.ROOT, columns, "round", "order", "native ev/s", "OTLP spans/s", "ratio",
        "server CPU ms/1k", "postgres CPU ms/1k", "load"));
    s.append(String.format(Locale.ROOT, columns, "", "", "", "", "", "native / OTLP", "native / OTLP",
        "native/OTLP"));
    for (Round r : rounds) {
      Side n = r.nativeSide();
      Side t = r.otlpSide();
      s.append(String.format(Locale.ROOT, "%-6d%-14s%13.0f%14.0f%7.2f%19s%19s%13s%n", r.number(), r.order(),
          n.rate(), t.rate(), r.ratio(), pair("%.0f", n.serverCpuPer1000(), t.serverCpuPer1000()),
          pair("%.0f", n.postgresCpuPer1000(), t.postgresCpuPer1000()), pair("%.1f", n.load(), t.load())));
    }
    double ratio = median(rounds.stream().mapToDouble(Round::ratio).toArray());
    // Each column's own median: the ratio is the median of the rounds' ratios, which the verdict is on.
    s.append(String.format(Locale.ROOT, "%-20s%13.0f%14.0f%7.2f%n", "median of each",
        median(rounds.stream().mapToDouble(r -> r.nativeSide().rate()).toArray()),
        median(rounds.stream().mapToDouble(r -> r.otlpSide().rate()).toArray()), ratio));
    s.append(String.format(Locale.ROOT, "target >= %.2f: %s  (median ratio OTLP/native %.2f)%n", TARGET,
        ratio >= TARGET ? "met" : "NOT met", ratio));
    s.append("rows:\n");
    checks.forEach(c -> s.append("  ").append(c).append('\n'));
    s.append("server log: ").append(serverLog).append('\n');
    s.append(String.format(Locale.ROOT, "run took %.0f s%n", seconds));
    return s.toString();
  }

  private static String pair(String format, double a, double b) {
    return String.format(Locale.ROOT, format + " / " + format, a, b);
  }

  // ---------------------------------------------------------------------------------------------
  // The rounds.

  /** One round: both sides, the same spans, in the order given. */
  record Round(int number, String order, Side nativeSide, Side otlpSide) {
    double ratio() {
      return otlpSide.rate() / nativeSide.rate();
    }
  }

  /** Runs the rounds against one server: generates, warms up, settles, times. */
  static final class Bench {
    private final Options o;
    private final String base;
    private final Process server;

    Bench(Options o, String base, Process server) {
      this.o = o;
      this.base = base;
      this.server = server;
    }

    /**
     * Round r. Native goes first in odd rounds (1, 3, …), OTLP in even ones: whichever goes second
     * meets a bigger table, and alternating shares that out.
     */
    Round round(int r) throws Exception {
      System.out.printf("round %d%n", r + 1);
      Workload work = new Workload(o, r);
      Side nativeSide;
      Side otlpSide;
      boolean nativeFirst = r % 2 == 0;
      if (nativeFirst) {
        nativeSide = time(nativeSide(work));
        otlpSide = time(otlpSide(work));
      } else {
        otlpSide = time(otlpSide(work));
        nativeSide = time(nativeSide(work));
      }
      Round round = new Round(r + 1, nativeFirst ? "native, OTLP" : "OTLP, native", nativeSide, otlpSide);
      System.out.printf(Locale.ROOT, "  ratio OTLP/native %.2f%n%n", round.ratio());
      return round;
    }

    private Side nativeSide(Workload work) throws Exception {
      long t0 = System.nanoTime();
      UUID[] traces = createTraces(base + "/api/v1/traces", work, o.clients());
      System.out.printf(Locale.ROOT, "  native: %d traces created in %.1f s (not timed)%n", traces.length,
          secondsSince(t0));
      t0 = System.nanoTime();
      List<byte[]> bodies = work.render((i, shapes) -> gzipIf(NativeBodies.render(i, shapes, traces)));
      printGenerated("native", bodies, t0);
      return new NativeSide(o, work.round(), base + "/api/v1/events", bodies, traces);
    }

    private Side otlpSide(Workload work) {
      long t0 = System.nanoTime();
      List<OtlpBodies.Rendered> rendered = work.render((i, shapes) -> OtlpBodies.render(shapes));
      List<byte[]> bodies = rendered.stream().map(b -> gzipIf(b.body())).toList();
      printGenerated("OTLP", bodies, t0);
      String[] traceIds = rendered.stream().flatMap(b -> Arrays.stream(b.traceIds())).toArray(String[]::new);
      return new OtlpSide(o, work.round(), base + "/v1/traces", bodies, traceIds);
    }

    private byte[] gzipIf(byte[] body) {
      return o.gzip() ? gzip(body) : body;
    }

    /** Warm-up, a settled database, then the timed batches; the bodies go once sent. */
    private Side time(Side side) throws Exception {
      side.run(0, o.warmup());
      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        settle(db);
        Cpu before = Cpu.now(server, db);
        double seconds = side.run(o.warmup(), o.warmup() + o.batches());
        side.timed(seconds, Cpu.now(server, db).since(before), loadAverage());
      }
      side.release();
      System.out.printf(Locale.ROOT, "  %-6s %d events in %.2f s = %.0f events/s; request p50 %.0f ms, p99 %.0f ms;"
              + " CPU ms per 1000: server %.0f, postgres %.0f; load %.1f%n", side.name(), side.timedEvents(),
          side.seconds(), side.rate(), side.latency(50), side.latency(99), side.serverCpuPer1000(),
          side.postgresCpuPer1000(), side.load());
      return side;
    }

    private static void printGenerated(String side, List<byte[]> bodies, long t0) {
      System.out.printf(Locale.ROOT, "  %s: %d bodies generated in %.1f s (not timed), %.0f KB per request%n", side,
          bodies.size(), secondsSince(t0), bodies.stream().mapToLong(b -> b.length).average().orElse(0) / 1024);
    }
  }

  /** Before a timed phase: no dead rows or dirty pages left over from the previous one. */
  static void settle(Connection db) throws SQLException {
    db.setAutoCommit(true);
    try (var statement = db.createStatement()) {
      statement.execute("vacuum (analyze) trace, event");
      statement.execute("checkpoint");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The workload: what both sides send, shape by shape; only the ids differ between them.

  /** An attribute; its value is a String, Long, Double or Boolean. */
  record Attribute(String key, Object value) {}

  /**
   * A span. {@code parent} is the index of an earlier span of its trace, -1 for the root; times in
   * nanoseconds since the epoch, inside the parent's; {@code error} the status message of a failed
   * span, or null.
   */
  record SpanShape(int parent, String name, String kind, long start, long end, List<Attribute> attributes,
      String error) {}

  /** An OpenTelemetry trace: its resource (the service that sent it) and its spans, root first. */
  record TraceShape(List<Attribute> resource, SpanShape[] spans) {
    String service() {
      return (String) resource.get(0).value();
    }
  }

  /** Renders the traces of one batch into a request body. */
  interface Renderer<T> {
    T render(int index, TraceShape[] traces);
  }

  static final class Workload {
    static final int SPANS_PER_TRACE = 64;
    static final String SCOPE_NAME = "dev.tracemodule.bench.otlp";
    static final String SCOPE_VERSION = "1.0.0";
    private static final String[] SERVICES = {"checkout", "cart", "payments", "inventory", "shipping", "pricing",
        "catalog", "accounts", "notifications", "search"};
    private static final String[] ROUTES = {"GET /orders/{id}", "POST /orders", "GET /carts/{id}",
        "PUT /carts/{id}/items", "GET /products/{sku}", "POST /payments", "GET /shipments/{id}/status",
        "GET /search"};
    private static final String[] CALLS = {"GET /inventory/{sku}", "GET /prices/{sku}", "POST /payments/authorize",
        "GET /customers/{id}", "POST /shipments/quote"};
    private static final String[] TABLES = {"orders", "order_lines", "customers", "stock", "prices"};
    private static final String[] TASKS = {"price cart", "validate order", "apply discounts", "render receipt"};
    private static final String[] TOPICS = {"order.created", "payment.captured", "stock.reserved"};

    private final Options o;
    private final int round;
    /** Spans begin in the recent past: a few minutes before the round. */
    private final long start = TimeUnit.MILLISECONDS.toNanos(
        Instant.now().minus(5, ChronoUnit.MINUTES).toEpochMilli());

    Workload(Options o, int round) {
      this.o = o;
      this.round = round;
    }

    int round() {
      return round;
    }

    int batches() {
      return o.warmup() + o.batches();
    }

    int tracesPerBatch() {
      return o.batch() / SPANS_PER_TRACE;
    }

    /** Every batch, warm-up first, rendered in parallel (not timed). */
    <T> List<T> render(Renderer<T> renderer) {
      return IntStream.range(0, batches()).parallel().mapToObj(i -> renderer.render(i, batch(i))).toList();
    }

    /** Batch i of this round: it depends only on the round and i, so both sides get the same. */
    TraceShape[] batch(int i) {
      Random r = new Random(round * 1_000_003L + i);
      TraceShape[] traces = new TraceShape[tracesPerBatch()];
      for (int k = 0; k < traces.length; k++) {
        long begins = start + TimeUnit.MILLISECONDS.toNanos(i * 20L + k * 2L);
        traces[k] = trace(r, begins);
      }
      return traces;
    }

    private static TraceShape trace(Random r, long begins) {
      int service = r.nextInt(SERVICES.length);
      List<Attribute> resource = List.of(new Attribute("service.name", SERVICES[service]),
          new Attribute("service.version", "2." + service + "." + r.nextInt(10)),
          new Attribute("host.name", SERVICES[service] + "-" + Integer.toHexString(0x1000 + r.nextInt(0xF000))));
      SpanShape[] spans = new SpanShape[SPANS_PER_TRACE];
      spans[0] = root(r, begins, begins + TimeUnit.MILLISECONDS.toNanos(50 + r.nextInt(750)));
      for (int j = 1; j < spans.length; j++) {
        // A third hang straight under the root, the rest under any earlier span: a tree a few deep.
        int parent = r.nextInt(3) == 0 ? 0 : r.nextInt(j);
        SpanShape p = spans[parent];
        long from = p.start() + (long) (r.nextDouble() * 0.6 * (p.end() - p.start()));
        long to = from + (long) (r.nextDouble() * (p.end() - from));
        spans[j] = child(r, parent, from, to);
      }
      return new TraceShape(resource, spans);
    }

    private static SpanShape root(Random r, long from, long to) {
      String error = failed(r) ? "unhandled exception in request handler" : null;
      String route = pick(r, ROUTES);
      return new SpanShape(-1, route, "server", from, to, List.of(
          new Attribute("http.method", route.substring(0, route.indexOf(' '))),
          new Attribute("http.route", route.substring(route.indexOf(' ') + 1)),
          new Attribute("http.status_code", error == null ? 200L : 500L),
          new Attribute("url.scheme", "https"),
          new Attribute("http.request.body.size", (long) r.nextInt(4096))), error);
    }

    private static SpanShape child(Random r, int parent, long from, long to) {
      int kind = r.nextInt(10);
      boolean failed = failed(r);
      if (kind < 4) {
        String table = pick(r, TABLES);
        return new SpanShape(parent, "SELECT " + table, "client", from, to, List.of(
            new Attribute("db.system", "postgresql"),
            new Attribute("db.operation", "SELECT"),
            new Attribute("db.sql.table", table),
            new Attribute("db.rows", (long) r.nextInt(500))),
            failed ? "canceling statement due to statement timeout" : null);
      } else if (kind < 7) {
        String call = pick(r, CALLS);
        return new SpanShape(parent, call, "client", from, to, List.of(
            new Attribute("http.method", call.substring(0, call.indexOf(' '))),
            new Attribute("http.route", call.substring(call.indexOf(' ') + 1)),
            new Attribute("http.status_code", failed ? 503L : 200L),
            new Attribute("server.address", pick(r, SERVICES) + ".internal")),
            failed ? "upstream answered 503 Service Unavailable" : null);
      } else if (kind < 9) {
        return new SpanShape(parent, pick(r, TASKS), "internal", from, to, List.of(
            new Attribute("cart.items", (long) (1 + r.nextInt(20))),
            new Attribute("order.total", Math.round(r.nextDouble() * 50_000) / 100.0),
            new Attribute("cache.hit", r.nextBoolean())),
            failed ? "price list missing for currency CHF" : null);
      } else {
        String topic = pick(r, TOPICS);
        return new SpanShape(parent, "publish " + topic, "producer", from, to, List.of(
            new Attribute("messaging.system", "kafka"),
            new Attribute("messaging.destination.name", topic),
            new Attribute("messaging.message.body.size", (long) (200 + r.nextInt(2000)))),
            failed ? "broker not available" : null);
      }
    }

    /** About one span in twenty fails. */
    private static boolean failed(Random r) {
      return r.nextInt(20) == 0;
    }

    private static String pick(Random r, String[] values) {
      return values[r.nextInt(values.length)];
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The bodies.

  /** OTLP/HTTP protobuf: one ResourceSpans per trace, fresh random trace and span ids. */
  static final class OtlpBodies {
    private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder()
        .setName(Workload.SCOPE_NAME).setVersion(Workload.SCOPE_VERSION).build();

    /** A body and the OpenTelemetry trace ids (hex) it carries. */
    record Rendered(byte[] body, String[] traceIds) {}

    static Rendered render(TraceShape[] traces) {
      ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
      String[] traceIds = new String[traces.length];
      for (int k = 0; k < traces.length; k++) {
        byte[] traceId = randomId(16);
        traceIds[k] = HEX.formatHex(traceId);
        request.addResourceSpans(resourceSpans(traces[k], ByteString.copyFrom(traceId)));
      }
      return new Rendered(request.build().toByteArray(), traceIds);
    }

    private static ResourceSpans resourceSpans(TraceShape trace, ByteString traceId) {
      ByteString[] spanIds = new ByteString[trace.spans().length];
      for (int j = 0; j < spanIds.length; j++) {
        spanIds[j] = ByteString.copyFrom(randomId(8));
      }
      ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(SCOPE);
      for (int j = 0; j < spanIds.length; j++) {
        SpanShape shape = trace.spans()[j];
        Span.Builder span = Span.newBuilder().setTraceId(traceId).setSpanId(spanIds[j]).setName(shape.name())
            .setKind(kind(shape.kind())).setStartTimeUnixNano(shape.start()).setEndTimeUnixNano(shape.end())
            .addAllAttributes(keyValues(shape.attributes()));
        if (shape.parent() >= 0) {
          span.setParentSpanId(spanIds[shape.parent()]);
        }
        if (shape.error() != null) {
          span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(shape.error()));
        }
        scope.addSpans(span);
      }
      return ResourceSpans.newBuilder()
          .setResource(Resource.newBuilder().addAllAttributes(keyValues(trace.resource())))
          .addScopeSpans(scope).build();
    }

    private static Span.SpanKind kind(String kind) {
      return switch (kind) {
        case "server" -> Span.SpanKind.SPAN_KIND_SERVER;
        case "client" -> Span.SpanKind.SPAN_KIND_CLIENT;
        case "producer" -> Span.SpanKind.SPAN_KIND_PRODUCER;
        default -> Span.SpanKind.SPAN_KIND_INTERNAL;
      };
    }

    private static List<KeyValue> keyValues(List<Attribute> attributes) {
      List<KeyValue> keyValues = new ArrayList<>(attributes.size());
      for (Attribute a : attributes) {
        keyValues.add(KeyValue.newBuilder().setKey(a.key()).setValue(anyValue(a.value())).build());
      }
      return keyValues;
    }

    private static AnyValue anyValue(Object value) {
      AnyValue.Builder any = AnyValue.newBuilder();
      if (value instanceof String text) {
        return any.setStringValue(text).build();
      } else if (value instanceof Long number) {
        return any.setIntValue(number).build();
      } else if (value instanceof Double number) {
        return any.setDoubleValue(number).build();
      } else if (value instanceof Boolean flag) {
        return any.setBoolValue(flag).build();
      }
      throw new IllegalArgumentException("no AnyValue for " + value);
    }
  }

  /**
   * Native NDJSON for {@code POST /api/v1/events}: an event per span, its id a client-chosen
   * UUIDv7 so that children name their parent's. The data holds what the server keeps of an
   * imported span (OpenTelemetry ids, kind, status, scope, attributes, resource), as a client
   * forwarding spans natively would send them, so the rows of both sides are of a size.
   */
  static final class NativeBodies {

    /** Batch {@code batchIndex}; {@code traces} holds the trace ids of all batches, in order. */
    static byte[] render(int batchIndex, TraceShape[] shapes, UUID[] traces) {
      StringBuilder s = new StringBuilder(shapes.length * Workload.SPANS_PER_TRACE * 800);
      for (int k = 0; k < shapes.length; k++) {
        trace(s, traces[batchIndex * shapes.length + k], shapes[k]);
      }
      return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    // Generated text holds no quote, backslash or control character, so it needs no JSON escaping.
    private static void trace(StringBuilder s, UUID trace, TraceShape shape) {
      SpanShape[] spans = shape.spans();
      UUID[] ids = new UUID[spans.length];
      String otelTraceId = HEX.formatHex(randomId(16));
      String[] spanIds = new String[spans.length];
      for (int j = 0; j < spans.length; j++) {
        ids[j] = uuidV7(TimeUnit.NANOSECONDS.toMillis(spans[j].start()));
        spanIds[j] = HEX.formatHex(randomId(8));
      }
      for (int j = 0; j < spans.length; j++) {
        SpanShape span = spans[j];
        boolean child = span.parent() >= 0;
        s.append("{\"traceId\":\"").append(trace).append("\",\"id\":\"").append(ids[j])
            .append("\",\"type\":\"span\",\"level\":\"").append(span.error() == null ? "info" : "error")
            .append("\",\"message\":\"").append(span.name())
            .append("\",\"data\":{\"otel\":{\"traceId\":\"").append(otelTraceId)
            .append("\",\"spanId\":\"").append(spanIds[j]).append('"');
        if (child) {
          s.append(",\"parentSpanId\":\"").append(spanIds[span.parent()]).append('"');
        }
        otelRest(s, span).append(",\"attributes\":");
        object(s, span.attributes()).append(",\"resource\":");
        object(s, shape.resource()).append("},\"timestamp\":\"").append(instant(span.start()))
            .append("\",\"durationMs\":").append((span.end() - span.start()) / 1000 / 1000.0);
        if (child) {
          s.append(",\"parentEventId\":\"").append(ids[span.parent()]).append('"');
        }
        s.append("}\n");
      }
    }

    /** The rest of the {@code otel} object after the ids, closed. */
    private static StringBuilder otelRest(StringBuilder s, SpanShape span) {
      s.append(",\"kind\":\"").append(span.kind())
          .append("\",\"status\":\"").append(span.error() == null ? "unset" : "error").append('"');
      if (span.error() != null) {
        s.append(",\"statusMessage\":\"").append(span.error()).append('"');
      }
      return s.append(",\"scope\":\"").append(Workload.SCOPE_NAME).append('@').append(Workload.SCOPE_VERSION)
          .append("\"}");
    }

    static StringBuilder object(StringBuilder s, List<Attribute> attributes) {
      s.append('{');
      for (int i = 0; i < attributes.size(); i++) {
        Attribute a = attributes.get(i);
        s.append(i > 0 ? "," : "").append('"').append(a.key()).append("\":");
        if (a.value() instanceof String text) {
          s.append('"').append(text).append('"');
        } else {
          s.append(a.value());
        }
      }
      return s.append('}');
    }

    /** Microseconds, as the server stores them. */
    private static Instant instant(long nanos) {
      return Instant.ofEpochSecond(0, nanos).truncatedTo(ChronoUnit.MICROS);
    }
  }

  /** Random bytes, never all zero (OpenTelemetry's "no id"). */
  static byte[] randomId(int length) {
    byte[] id = new byte[length];
    do {
      ThreadLocalRandom.current().nextBytes(id);
    } while (Arrays.equals(id, new byte[length]));
    return id;
  }

  /** A version 7 UUID: milliseconds first, so ids of a trace land near each other in the index. */
  static UUID uuidV7(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  /**
   * The native traces of a round, one per OpenTelemetry trace of the workload, created over HTTP
   * from C clients (untimed): named after the root span, the service as context, the resource as
   * metadata, as an imported trace would be.
   */
  static UUID[] createTraces(String url, Workload work, int clients) throws Exception {
    int perBatch = work.tracesPerBatch();
    UUID[] ids = new UUID[work.batches() * perBatch];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < work.batches(); i++) {
        int batch = i;
        pending.add(pool.submit(() -> {
          TraceShape[] shapes = work.batch(batch);
          for (int k = 0; k < perBatch; k++) {
            ids[batch * perBatch + k] = createTrace(url, shapes[k]);
          }
          return null;
        }));
      }
      for (Future<?> done : pending) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return ids;
  }

  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  private static UUID createTrace(String url, TraceShape shape) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("{\"type\":\"api_request\",\"name\":\"").append(shape.spans()[0].name())
        .append("\",\"contextId\":\"").append(shape.service()).append("\",\"metadata\":");
    NativeBodies.object(body, shape.resource()).append('}');
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = ID.matcher(response.body());
    if (response.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException("creating a trace: " + response.statusCode() + " " + response.body());
    }
    return UUID.fromString(m.group(1));
  }

  // ---------------------------------------------------------------------------------------------
  // The two sides.

  /** A request the server answered wrongly. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * One side of a round: its requests, C clients taking them from a shared counter, and what the
   * server acknowledged of each; then the timed figures and the row check.
   */
  abstract static class Side {
    private final String name;
    private final String label;
    private final Options o;
    private HttpRequest[] requests;
    /** Per batch: events acknowledged, or -1. */
    private final int[] acknowledged;
    private final long[] nanos;
    private final AtomicInteger errorCount = new AtomicInteger();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private double seconds;
    private Cpu cpu;
    private double load;

    Side(String name, int round, Options o, String url, String contentType, List<byte[]> bodies) {
      this.name = name;
      this.label = "round " + (round + 1) + " " + name;
      this.o = o;
      requests = bodies.stream().map(body -> request(url, contentType, body)).toArray(HttpRequest[]::new);
      acknowledged = new int[requests.length];
      Arrays.fill(acknowledged, -1);
      nanos = new long[requests.length];
    }

    private HttpRequest request(String url, String contentType, byte[] body) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
          .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (o.gzip()) {
        request.header("Content-Encoding", "gzip");
      }
      return request.build();
    }

    /** The events a 2xx answer acknowledges; Refused for any other answer. */
    abstract int acknowledged(int status, byte[] body) throws Refused;

    /** Compares what is stored with what was acknowledged; a line for the summary. */
    abstract String verify(Connection db, List<String> failures) throws SQLException;

    /** Sends batches [from, to) from C clients; the wall time in seconds. */
    double run(int from, int to) throws InterruptedException {
      AtomicInteger next = new AtomicInteger(from);
      List<Thread> clients = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int c = 0; c < o.clients(); c++) {
        Thread client = new Thread(() -> {
          for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
            send(i);
          }
        }, name + "-client-" + c);
        client.start();
        clients.add(client);
      }
      for (Thread client : clients) {
        client.join();
      }
      return secondsSince(t0);
    }

    private void send(int i) {
      long t0 = System.nanoTime();
      try {
        HttpResponse<byte[]> response = HTTP.send(requests[i], HttpResponse.BodyHandlers.ofByteArray());
        nanos[i] = System.nanoTime() - t0;
        acknowledged[i] = acknowledged(response.statusCode(), response.body());
      } catch (IOException | RuntimeException | Refused e) {
        nanos[i] = System.nanoTime() - t0;
        error("batch " + i + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error("batch " + i + ": interrupted");
      }
    }

    /** Counted and shown; the first few kept for the failure report. */
    void error(String message) {
      if (errorCount.incrementAndGet() <= ERRORS_SHOWN) {
        errors.add(label + ": " + message);
        System.err.println("  error: " + label + ": " + message);
      }
    }

    void timed(double seconds, Cpu cpu, double load) {
      this.seconds = seconds;
      this.cpu = cpu;
      this.load = load;
    }

    /** The bodies are not needed after the run, and the next side's take memory. */
    void release() {
      requests = null;
    }

    String name() {
      return name;
    }

    double seconds() {
      return seconds;
    }

    /** The machine's load average over the last minute, when the timed run ended. */
    double load() {
      return load;
    }

    /** Only what the server acknowledged counts: failed requests do not make a side look faster. */
    long timedEvents() {
      return Arrays.stream(acknowledged, o.warmup(), acknowledged.length).filter(a -> a > 0).asLongStream().sum();
    }

    long acknowledgedEvents() {
      return Arrays.stream(acknowledged).filter(a -> a > 0).asLongStream().sum();
    }

    double rate() {
      return timedEvents() / seconds;
    }

    double serverCpuPer1000() {
      return cpu.server() * 1e6 / Math.max(1, timedEvents());
    }

    double postgresCpuPer1000() {
      return cpu.postgres() * 1e6 / Math.max(1, timedEvents());
    }

    double latency(double percentile) {
      long[] sorted = Arrays.copyOfRange(nanos, o.warmup(), nanos.length);
      Arrays.sort(sorted);
      int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
      return sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    List<String> errors() {
      List<String> failures = new ArrayList<>();
      if (errorCount.get() > 0) {
        failures.add(label + ": " + errorCount.get() + " request(s) failed or were answered wrongly, for example:");
        errors.forEach(e -> failures.add("  " + e));
      }
      return failures;
    }

    /** The check's line, and a failure unless stored and acknowledged agree. */
    String compare(String traces, long stored, List<String> failures) {
      long acknowledged = acknowledgedEvents();
      boolean ok = stored == acknowledged;
      if (!ok) {
        failures.add(label + ": " + stored + " events stored but " + acknowledged + " acknowledged");
      }
      return String.format(Locale.ROOT, "%-15s %s: stored %d %s acknowledged %d  %s", label, traces, stored,
          ok ? "=" : "!=", acknowledged, ok ? "OK" : "FAILED");
    }

    String label() {
      return label;
    }
  }

  /** NDJSON batches to {@code POST /api/v1/events}, into traces created beforehand. */
  static final class NativeSide extends Side {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final Pattern ALREADY = Pattern.compile("\"alreadyRecorded\":(\\d+)");
    private final UUID[] traces;
    private final int batch;

    NativeSide(Options o, int round, String url, List<byte[]> bodies, UUID[] traces) {
      super("native", round, o, url, "application/x-ndjson", bodies);
      this.traces = traces;
      this.batch = o.batch();
    }

    @Override
    int acknowledged(int status, byte[] body) throws Refused {
      String text = new String(body, StandardCharsets.UTF_8);
      if (status != 201) {
        throw new Refused("HTTP " + status + " " + abbreviate(text));
      }
      int accepted = intField(ACCEPTED, text);
      if (accepted != batch || intField(ALREADY, text) != 0) {
        throw new Refused(batch + " events sent, answer " + abbreviate(text));
      }
      return accepted;
    }

    @Override
    String verify(Connection db, List<String> failures) throws SQLException {
      try (var query = db.prepareStatement("select count(*) from event where tenant_id = ? and trace_id = any(?)")) {
        query.setString(1, TENANT);
        query.setArray(2, db.createArrayOf("uuid", traces));
        try (var rows = query.executeQuery()) {
          rows.next();
          return compare(traces.length + " traces", rows.getLong(1), failures);
        }
      }
    }

    private static int intField(Pattern field, String json) throws Refused {
      Matcher m = field.matcher(json);
      if (!m.find()) {
        throw new Refused("no " + field.pattern() + " in " + abbreviate(json));
      }
      return Integer.parseInt(m.group(1));
    }
  }

  /** OTLP/HTTP protobuf to {@code POST /v1/traces}, which creates the traces itself. */
  static final class OtlpSide extends Side {
    private final String[] otelTraceIds;
    private final int batch;

    OtlpSide(Options o, int round, String url, List<byte[]> bodies, String[] otelTraceIds) {
      super("OTLP", round, o, url, "application/x-protobuf", bodies);
      this.otelTraceIds = otelTraceIds;
      this.batch = o.batch();
    }

    /** A 200 acknowledges every span but those its partial success says were rejected. */
    @Override
    int acknowledged(int status, byte[] body) throws Refused {
      if (status != 200) {
        // The body is a google.rpc.Status in protobuf: its message shows through as text.
        String text = new String(body, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", " ").strip();
        throw new Refused("HTTP " + status + " " + abbreviate(text));
      }
      ExportTracePartialSuccess partial;
      try {
        partial = ExportTraceServiceResponse.parseFrom(body).getPartialSuccess();
      } catch (IOException e) {
        throw new Refused("HTTP 200 with an unreadable answer: " + e.getMessage());
      }
      if (partial.getRejectedSpans() > 0) {
        // Every span sent is valid: any rejection is a fault, though the rest count as stored.
        error(partial.getRejectedSpans() + " spans rejected: " + partial.getErrorMessage());
      }
      return batch - (int) partial.getRejectedSpans();
    }

    /** The events of the traces made of the OpenTelemetry traces sent, found by otel_trace_id. */
    @Override
    String verify(Connection db, List<String> failures) throws SQLException {
      try (var query = db.prepareStatement("select count(distinct t.id), count(e.id),"
          + " count(distinct t.id) filter (where t.status = 'active') from trace t"
          + " left join event e on e.tenant_id = t.tenant_id and e.trace_id = t.id"
          + " where t.tenant_id = ? and t.source = 'otlp' and t.otel_trace_id = any(?)")) {
        query.setString(1, TENANT);
        query.setArray(2, db.createArrayOf("text", otelTraceIds));
        try (var rows = query.executeQuery()) {
          rows.next();
          long traces = rows.getLong(1);
          String line = compare(traces + " of " + otelTraceIds.length + " traces", rows.getLong(2), failures);
          if (traces != otelTraceIds.length) {
            failures.add(label() + ": " + traces + " traces stored for " + otelTraceIds.length
                + " OpenTelemetry traces sent");
          }
          long active = rows.getLong(3);
          return active == 0 ? line : line + "  (" + active + " traces still active though their root span came)";
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // CPU time.

  /**
   * CPU seconds used so far by the server and by PostgreSQL (the backends of the bench database and
   * the shared background processes), as the operating system tells Java. Approximate: a process
   * that ended meanwhile (an autovacuum worker, say) is missed.
   */
  record Cpu(double server, double postgres, Map<Long, Double> byPostgresProcess) {
    static Cpu now(Process server, Connection db) throws SQLException {
      Map<Long, Double> postgres = new HashMap<>();
      try (var query = db.createStatement(); var rows = query.executeQuery(
          "select pid from pg_stat_activity where datname = current_database() or backend_type <> 'client backend'")) {
        while (rows.next()) {
          ProcessHandle.of(rows.getLong(1)).ifPresent(p -> postgres.put(p.pid(), seconds(p)));
        }
      }
      return new Cpu(seconds(server.toHandle()), 0, postgres);
    }

    /** What was used between then and now; PostgreSQL's summed per process, as backends come and go. */
    Cpu since(Cpu then) {
      double postgres = byPostgresProcess.entrySet().stream()
          .mapToDouble(e -> e.getValue() - then.byPostgresProcess.getOrDefault(e.getKey(), 0.0)).sum();
      return new Cpu(server - then.server, postgres, Map.of());
    }

    private static double seconds(ProcessHandle process) {
      return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The server.

  static Process startServer(Options o, int port, Path root, Path log) throws IOException {
    deleteRecursively(root);
    Files.createDirectories(root);
    List<String> command = List.of(java(), "-Xmx" + o.serverHeap(), "-jar", o.jar().toString(),
        "--port", String.valueOf(port), "--rootdir", root.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TRACE_DB_URL", DB_URL);
    return builder.start();
  }

  /** Readiness includes the database, which the server creates and migrates at start. */
  static void waitForReady(int port, Process server, int seconds) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited with " + server.exitValue() + "; see its log");
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListening) {
        // not yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("not ready within " + seconds + " s");
  }

  static void stop(Process server) throws InterruptedException {
    server.destroy(); // SIGTERM: the server stops cleanly
    if (!server.waitFor(60, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
  }

  /** How many SEVERE and WARNING records the server logged once ready, to point at trouble. */
  static String logSummary(Path log, long from) throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    String text = new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
        StandardCharsets.ISO_8859_1);
    long severe = Pattern.compile("SEVERE").matcher(text).results().count();
    long warning = Pattern.compile("WARNING").matcher(text).results().count();
    return severe + " SEVERE, " + warning + " WARNING records after start  (" + log + ")";
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers.

  /** {@code spans} is rounded up to whole batches: {@link #batches()} of them are timed per side. */
  record Options(int spans, int batch, int clients, int rounds, int warmup, boolean gzip, String serverHeap,
      Path jar, Path work) {

    private static final List<String> NAMES =
        List.of("spans", "batch", "clients", "rounds", "warmup", "gzip", "server-heap", "jar", "work");

    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("options are --name=value, not " + arg);
        }
        String[] kv = arg.substring(2).split("=", 2);
        m.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
      Options o = new Options(positive(m, "spans", 200_000), positive(m, "batch", 512), positive(m, "clients", 4),
          positive(m, "rounds", 3), number(m, "warmup", 20), Boolean.parseBoolean(oneOf(m, "gzip", "false", "true")),
          m.getOrDefault("server-heap", "512m"),
          Path.of(m.getOrDefault("jar", "payara-config/target/trace-server.jar")),
          Path.of(m.getOrDefault("work", "bench/out/otlp")));
      m.keySet().removeAll(NAMES);
      if (!m.isEmpty()) {
        throw new IllegalArgumentException("unknown option(s): " + m.keySet());
      }
      if (o.batch() % Workload.SPANS_PER_TRACE != 0) {
        throw new IllegalArgumentException("--batch must be a multiple of " + Workload.SPANS_PER_TRACE
            + " (traces of " + Workload.SPANS_PER_TRACE + " spans)");
      }
      if (o.warmup() < 0) {
        throw new IllegalArgumentException("--warmup must be 0 or more");
      }
      return o;
    }

    int batches() {
      return (spans + batch - 1) / batch;
    }

    String describe() {
      return String.format(Locale.ROOT, "spans %d per side per round (%d batches of %d = %d traces x %d spans),"
              + " clients %d, rounds %d, gzip %s", batches() * batch, batches(), batch,
          batch / Workload.SPANS_PER_TRACE, Workload.SPANS_PER_TRACE, clients, rounds, gzip);
    }

    private static int positive(Map<String, String> m, String name, int otherwise) {
      int value = number(m, name, otherwise);
      if (value <= 0) {
        throw new IllegalArgumentException("--" + name + " must be positive");
      }
      return value;
    }

    private static int number(Map<String, String> m, String name, int otherwise) {
      try {
        return Integer.parseInt(m.getOrDefault(name, String.valueOf(otherwise)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a whole number, not " + m.get(name));
      }
    }

    /** The value given, which must be one of the allowed; the first allowed by default. */
    private static String oneOf(Map<String, String> m, String name, String... allowed) {
      String value = m.getOrDefault(name, allowed[0]);
      if (!List.of(allowed).contains(value)) {
        throw new IllegalArgumentException("--" + name + " is one of " + List.of(allowed) + ", not " + value);
      }
      return value;
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  /** Above the number of cores, something else competed for them: the figures are less sure. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
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
}
