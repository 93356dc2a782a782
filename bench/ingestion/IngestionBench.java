import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Ingestion benchmark, JDK and pgjdbc only: run with bench/ingestion/run.sh.
 *
 * <p>Starts a trace-server.jar of its own and sends N events in batches of B over HTTP from C
 * concurrent clients, then checks in PostgreSQL that every acknowledged event is stored exactly
 * once. In the same run, the baseline: the same rows loaded into the same table with COPY FROM
 * STDIN over one JDBC connection. The payloads of both sides (HTTP bodies, CSV) are generated
 * before timing, so neither rate includes generating them.
 */
public class IngestionBench {

  private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/trace_ingest_bench";
  private static final String COPY_COLUMNS =
      "COPY event (tenant_id, trace_id, id, parent_id, type, level, message, data, occurred_at,"
          + " duration_ms) FROM STDIN ";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final int ERRORS_SHOWN = 10;

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "; see bench/ingestion/README.md");
      System.exit(2);
      return;
    }
    System.out.printf("machine: %d cores, java %s; server -Xmx%s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), o.serverHeap(), o.jar());
    System.out.printf("events %d, clients %d, batch %d, %s, gzip %s, endpoint %s, traces %d, copy %s%n", o.events(),
        o.clients(), o.batch(), o.format(), o.gzip(), o.endpoint(), o.traces(), o.copy());
    System.out.printf("each side first sends %d warm-up events: not in the rates, in the row checks%n%n", o.warmup());

    List<String> failures = new ArrayList<>();
    int port = freePort();
    Path root = o.work().resolve("payara-root");
    Path log = o.work().resolve("server.log");
    Process server = startServer(o, port, root, log);
    Thread killServer = new Thread(server::destroy);
    Runtime.getRuntime().addShutdownHook(killServer); // Ctrl-C must not leave the server running
    HeapSampler heap = new HeapSampler(port);
    try {
      long t0 = System.nanoTime();
      waitForReady(port, server, 180);
      System.out.printf(Locale.ROOT, "server ready on port %d in %.1f s (log %s)%n", port, secondsSince(t0), log);
      long logAtReady = Files.size(log);
      heap.start();
      String api = "http://127.0.0.1:" + port + "/api/v1";
      String[] httpTraces = createTraces(api, o.traces(), "bench-http");
      String[] copyTraces = createTraces(api, o.traces(), "bench-copy");
      String[] binaryCopyTraces = createTraces(api, o.traces(), "bench-copy-binary");
      Workload work = new Workload(o);

      // The baselines first: the HTTP run then meets a table that already holds their rows, which
      // errs against HTTP rather than in its favour. CSV is the plain COPY a client would write;
      // binary is what the server itself sends, and the faster of the two for PostgreSQL.
      Timed copy = copyBaseline(o, work, copyTraces, "csv", server, failures);
      Timed binaryCopy = copyBaseline(o, work, binaryCopyTraces, "binary", server, failures);

      t0 = System.nanoTime();
      UUID[][] ids = new UUID[work.batches()][]; // what was sent, batch by batch, for the check
      List<byte[]> bodies = work.render(b -> {
        ids[b.index()] = b.ids();
        return work.body(b, httpTraces);
      });
      System.out.printf(Locale.ROOT, "http: %d bodies generated in %.1f s (not timed), %.0f KB per request%n",
          bodies.size(), secondsSince(t0), bodies.stream().mapToLong(b -> b.length).average().orElse(0) / 1024);
      Ingest ingest = new Ingest(o, api, httpTraces, work, bodies);
      ingest.run(0, work.warmupBatches());
      double seconds;
      Cpu cpu;
      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        settle(db);
        heap.phaseStarts();
        Cpu cpuBefore = Cpu.now(server, db);
        seconds = ingest.run(work.warmupBatches(), work.batches());
        cpu = Cpu.now(server, db).since(cpuBefore);
        heap.phaseEnds();
      }
      long[] latencies = ingest.latencies(work.warmupBatches(), work.batches());
      // Only what the server acknowledged counts: failed requests do not make it look faster.
      Timed http = new Timed(ingest.acknowledgedEvents(work.warmupBatches(), work.batches()), seconds, cpu);
      System.out.printf(Locale.ROOT, "http: %d events acknowledged in %.2f s = %.0f events/s%n", http.events(), seconds,
          http.rate());

      Verification v;
      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        v = verify(db, httpTraces, ids, ingest);
      }
      failures.addAll(ingest.failures());
      failures.addAll(v.failures());

      System.out.println();
      System.out.printf(Locale.ROOT, "%-20s%d (clients %d, batch %d, %s, gzip %s, endpoint %s)%n", "events",
          o.events(), o.clients(), o.batch(), o.format(), o.gzip(), o.endpoint());
      System.out.printf(Locale.ROOT, "%-20s%.0f events/s  (request p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f)%n",
          "http", http.rate(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
          latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
      String copies = o.copy().equals("stream") ? "one COPY stream" : "one COPY per batch of " + o.batch();
      System.out.printf(Locale.ROOT, "%-20s%.0f events/s  (CSV, %s)%n", "copy baseline", copy.rate(), copies);
      System.out.printf(Locale.ROOT, "%-20s%.0f events/s  (binary, %s)%n", "copy binary", binaryCopy.rate(),
          copies);
      double ratio = http.rate() / copy.rate();
      System.out.printf(Locale.ROOT, "%-20s%.2f  (target >= 0.50: %s)%n", "ratio http/copy", ratio,
          ratio >= 0.5 ? "met" : "NOT met");
      System.out.printf(Locale.ROOT, "%-20s%.2f%n", "ratio http/binary", http.rate() / binaryCopy.rate());
      System.out.printf("%-20s%s%n", "rows", v.summary());
      System.out.printf(Locale.ROOT, "%-20s%s%n", "server heap", heap.summary());
      // Unlike the rates, CPU time hardly moves when other processes compete for the cores.
      System.out.printf("%-20s%s%n", "cpu, http run", http.cpuSummary());
      System.out.printf("%-20s%s%n", "cpu, copy run", copy.cpuSummary());
      System.out.printf("%-20s%s%n", "cpu, binary copy", binaryCopy.cpuSummary());
      System.out.printf(Locale.ROOT, "%-20s%s%n", "server log", logSummary(log, logAtReady));
    } finally {
      heap.stop();
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

  // ---------------------------------------------------------------------------------------------
  // The workload: realistic events, batch by batch, the same content for both sides.

  /** One generated event; {@code parent} is the index of an earlier event of its batch, or -1. */
  record Event(int trace, UUID id, int parent, String type, String level, String message, String data,
      Instant timestamp, double durationMs) {}

  /** The events of one batch; its index is the same on both sides. */
  record Batch(int index, Event[] events) {
    UUID[] ids() {
      return Arrays.stream(events).map(Event::id).toArray(UUID[]::new);
    }
  }

  /** Renders a batch into what one side sends: an HTTP body or a chunk of COPY CSV. */
  interface Renderer {
    byte[] render(Batch batch) throws IOException;
  }

  static final class Workload {
    private static final String[] TABLES = {"orders", "customers", "invoices", "shipments", "line_items"};
    private static final String[] HOSTS = {"inventory.internal", "payments.internal", "pricing.internal"};
    private static final String[] REGIONS = {"user-sessions", "product-pages", "price-lists"};
    private static final String[] STATES = {"PENDING", "PAID", "PACKED", "SHIPPED", "DELIVERED"};

    private final Options o;
    private final int warmupBatches;
    private final int batches;
    private final Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    Workload(Options o) {
      this.o = o;
      this.warmupBatches = ceilDiv(o.warmup(), o.batch());
      this.batches = warmupBatches + ceilDiv(o.events(), o.batch());
    }

    int warmupBatches() {
      return warmupBatches;
    }

    int batches() {
      return batches;
    }

    /** Every batch, warm-up first, rendered in parallel (this is not timed). */
    List<byte[]> render(Renderer renderer) {
      return IntStream.range(0, batches).parallel().mapToObj(i -> {
        try {
          return renderer.render(batch(i));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
    }

    int size(int i) {
      return i < warmupBatches
          ? Math.min(o.batch(), o.warmup() - i * o.batch())
          : Math.min(o.batch(), o.events() - (i - warmupBatches) * o.batch());
    }

    /**
     * Batch i. Its content (traces, types, messages, data, parents) depends only on i, so both
     * sides get the same rows; the event ids are fresh UUIDv7s each time.
     */
    Batch batch(int i) {
      int size = size(i);
      Random r = new Random(i);
      Event[] events = new Event[size];
      Map<Integer, List<Integer>> earlierOfTrace = new HashMap<>();
      for (int j = 0; j < size; j++) {
        // Per-trace batches go round-robin over the traces; a mixed batch spreads over all of them.
        int trace = o.endpoint().equals("mixed") ? r.nextInt(o.traces()) : i % o.traces();
        Instant at = start.plusNanos(((long) i * o.batch() + j) * 100_000);
        List<Integer> earlier = earlierOfTrace.computeIfAbsent(trace, t -> new ArrayList<>());
        // About 1 in 5 events happened within an earlier event of the same batch and trace.
        int parent = r.nextInt(5) == 0 && !earlier.isEmpty() ? earlier.get(r.nextInt(earlier.size())) : -1;
        earlier.add(j);
        int level = r.nextInt(100);
        String levelName = level < 90 ? "info" : level < 97 ? "warn" : "error";
        events[j] = event(r, trace, uuidV7(at.toEpochMilli()), parent, levelName, at);
      }
      return new Batch(i, events);
    }

    // Generated text holds no quote, backslash or control character, so it needs no JSON escaping.
    private static Event event(Random r, int trace, UUID id, int parent, String level, Instant at) {
      int kind = r.nextInt(20);
      if (kind < 8) {
        String table = pick(r, TABLES);
        return new Event(trace, id, parent, "db.query", level,
            "SELECT id, status, total FROM " + table + " WHERE customer_id = $1 LIMIT 200",
            "{\"table\":\"" + table + "\",\"rows\":" + r.nextInt(200) + ",\"pool\":\"primary\",\"cached\":"
                + r.nextBoolean() + "}",
            at, duration(r, 4));
      } else if (kind < 12) {
        String host = pick(r, HOSTS);
        int status = r.nextInt(10) == 0 ? 503 : 200;
        return new Event(trace, id, parent, "http.call", level,
            "GET https://" + host + "/api/v2/items/" + r.nextInt(100_000) + " answered " + status,
            "{\"method\":\"GET\",\"host\":\"" + host + "\",\"status\":" + status + ",\"bytes\":" + r.nextInt(20_000)
                + "}",
            at, duration(r, 40));
      } else if (kind < 17) {
        String region = pick(r, REGIONS);
        boolean hit = r.nextInt(4) != 0;
        return new Event(trace, id, parent, "cache.get", level,
            "cache lookup of key session:" + Integer.toHexString(r.nextInt()) + " in region " + region + ": "
                + (hit ? "hit" : "miss"),
            "{\"region\":\"" + region + "\",\"hit\":" + hit + ",\"ttlSeconds\":300}", at, duration(r, 0.3));
      } else {
        int order = r.nextInt(1_000_000);
        int state = r.nextInt(STATES.length - 1);
        return new Event(trace, id, parent, "log", level,
            "order " + order + " moved from " + STATES[state] + " to " + STATES[state + 1] + " after confirmation",
            "{\"logger\":\"checkout.OrderService\",\"thread\":\"worker-" + r.nextInt(16) + "\",\"orderId\":" + order
                + "}",
            at, duration(r, 0.05));
      }
    }

    /** The HTTP body of a batch: JSON array or NDJSON, gzip-compressed if asked. */
    byte[] body(Batch batch, String[] traceIds) throws IOException {
      boolean ndjson = o.format().equals("ndjson");
      StringBuilder s = new StringBuilder(batch.events().length * 400);
      s.append(ndjson ? "" : "[");
      for (int j = 0; j < batch.events().length; j++) {
        Event e = batch.events()[j];
        s.append(j > 0 && !ndjson ? "," : "").append("{\"id\":\"").append(e.id()).append('"');
        if (o.endpoint().equals("mixed")) {
          s.append(",\"traceId\":\"").append(traceIds[e.trace()]).append('"');
        }
        s.append(",\"type\":\"").append(e.type())
            .append("\",\"level\":\"").append(e.level())
            .append("\",\"message\":\"").append(e.message())
            .append("\",\"data\":").append(e.data())
            .append(",\"timestamp\":\"").append(e.timestamp())
            .append("\",\"durationMs\":").append(e.durationMs());
        if (e.parent() >= 0) {
          s.append(",\"parentEventId\":\"").append(batch.events()[e.parent()].id()).append('"');
        }
        s.append(ndjson ? "}\n" : "}");
      }
      s.append(ndjson ? "" : "]");
      byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
      return o.gzip() ? gzip(bytes) : bytes;
    }

    /** The rows of a batch as COPY CSV, in the server's columns and text forms. */
    byte[] csv(Batch batch, String[] traceIds) {
      StringBuilder s = new StringBuilder(batch.events().length * 400);
      for (Event e : batch.events()) {
        s.append("default,").append(traceIds[e.trace()]).append(',').append(e.id()).append(',')
            .append(e.parent() >= 0 ? batch.events()[e.parent()].id().toString() : "") // empty: NULL
            .append(',').append(e.type()).append(',').append(e.level()).append(',');
        quoted(s, e.message()).append(',');
        quoted(s, e.data()).append(',').append(e.timestamp()).append(',').append(e.durationMs()).append('\n');
      }
      return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same rows as binary COPY tuples: the bytes PostgreSQL stores, nothing to parse. */
    byte[] binary(Batch batch, String[] traceIds) throws IOException {
      var bytes = new java.io.ByteArrayOutputStream(batch.events().length * 300);
      var out = new java.io.DataOutputStream(bytes);
      byte[] tenant = "default".getBytes(StandardCharsets.UTF_8);
      for (Event e : batch.events()) {
        out.writeShort(10);
        field(out, tenant);
        uuid(out, UUID.fromString(traceIds[e.trace()]));
        uuid(out, e.id());
        if (e.parent() >= 0) {
          uuid(out, batch.events()[e.parent()].id());
        } else {
          out.writeInt(-1); // NULL
        }
        field(out, e.type().getBytes(StandardCharsets.UTF_8));
        field(out, e.level().getBytes(StandardCharsets.UTF_8));
        field(out, e.message().getBytes(StandardCharsets.UTF_8));
        byte[] data = e.data().getBytes(StandardCharsets.UTF_8);
        out.writeInt(data.length + 1);
        out.writeByte(1); // jsonb format version
        out.write(data);
        out.writeInt(8);
        out.writeLong(ChronoUnit.MICROS.between(POSTGRES_EPOCH, e.timestamp()));
        out.writeInt(8);
        out.writeDouble(e.durationMs());
      }
      out.flush();
      return bytes.toByteArray();
    }

    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private static void field(java.io.DataOutputStream out, byte[] value) throws IOException {
      out.writeInt(value.length);
      out.write(value);
    }

    private static void uuid(java.io.DataOutputStream out, UUID id) throws IOException {
      out.writeInt(16);
      out.writeLong(id.getMostSignificantBits());
      out.writeLong(id.getLeastSignificantBits());
    }

    private static StringBuilder quoted(StringBuilder s, String value) {
      return s.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** Milliseconds, spread around a typical value, three decimals, never below 0.01. */
    private static double duration(Random r, double typical) {
      double value = typical * Math.exp(r.nextGaussian() * 0.8);
      return Math.max(0.01, Math.round(value * 1000) / 1000.0);
    }

    private static String pick(Random r, String[] values) {
      return values[r.nextInt(values.length)];
    }
  }

  /** A version 7 UUID: milliseconds first, so ids of a trace land near each other in the index. */
  static UUID uuidV7(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  // ---------------------------------------------------------------------------------------------
  // The HTTP side.

  /** C clients taking batches from a shared counter; what each request got back, by batch. */
  static final class Ingest {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final Pattern ALREADY = Pattern.compile("\"alreadyRecorded\":(\\d+)");

    private final Options o;
    private final HttpRequest[] requests;
    private final int[] sizes;
    /** Per batch: events acknowledged by a 201, or -1. */
    private final int[] acknowledged;
    private final long[] nanos;
    private final AtomicLong alreadyRecorded = new AtomicLong();
    private final AtomicInteger errorCount = new AtomicInteger();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    Ingest(Options o, String api, String[] traceIds, Workload work, List<byte[]> bodies) {
      this.o = o;
      int n = work.batches();
      requests = new HttpRequest[n];
      sizes = new int[n];
      acknowledged = new int[n];
      nanos = new long[n];
      Arrays.fill(acknowledged, -1);
      for (int i = 0; i < n; i++) {
        sizes[i] = work.size(i);
        String url = o.endpoint().equals("mixed")
            ? api + "/events"
            : api + "/traces/" + traceIds[i % o.traces()] + "/events/batch";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
            .header("Content-Type", o.format().equals("ndjson") ? "application/x-ndjson" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)));
        if (o.gzip()) {
          request.header("Content-Encoding", "gzip");
        }
        requests[i] = request.build();
      }
    }

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
        }, "client-" + c);
        client.start();
        clients.add(client);
      }
      for (Thread client : clients) {
        client.join();
      }
      return (System.nanoTime() - t0) / 1e9;
    }

    private void send(int i) {
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> response = HTTP.send(requests[i], HttpResponse.BodyHandlers.ofString());
        nanos[i] = System.nanoTime() - t0;
        String body = response.body();
        if (response.statusCode() != 201) {
          error("batch " + i + ": HTTP " + response.statusCode() + " " + abbreviate(body));
          return;
        }
        int accepted = intField(ACCEPTED, body);
        int already = intField(ALREADY, body);
        acknowledged[i] = accepted;
        alreadyRecorded.addAndGet(already);
        if (accepted + already != sizes[i]) {
          error("batch " + i + ": " + sizes[i] + " events sent, answer " + abbreviate(body));
        }
      } catch (IOException | RuntimeException e) {
        nanos[i] = System.nanoTime() - t0;
        error("batch " + i + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error("batch " + i + ": interrupted");
      }
    }

    private void error(String message) {
      if (errorCount.incrementAndGet() <= ERRORS_SHOWN) {
        errors.add(message);
        System.err.println("  error: " + message);
      }
    }

    /** The latencies of batches [from, to), sorted. */
    long[] latencies(int from, int to) {
      long[] sorted = Arrays.copyOfRange(nanos, from, to);
      Arrays.sort(sorted);
      return sorted;
    }

    boolean acknowledged(int batch) {
      return acknowledged[batch] >= 0;
    }

    /** Events acknowledged in batches [from, to). */
    long acknowledgedEvents(int from, int to) {
      return Arrays.stream(acknowledged, from, to).filter(a -> a > 0).asLongStream().sum();
    }

    List<String> failures() {
      List<String> failures = new ArrayList<>();
      if (errorCount.get() > 0) {
        failures.add(errorCount.get() + " request(s) failed or were answered wrongly, for example:");
        errors.forEach(e -> failures.add("  " + e));
      }
      if (alreadyRecorded.get() != 0) {
        failures.add(alreadyRecorded.get() + " events answered as alreadyRecorded, though each was sent once");
      }
      return failures;
    }

    private static int intField(Pattern field, String json) {
      Matcher m = field.matcher(json);
      if (!m.find()) {
        throw new IllegalStateException("no " + field.pattern() + " in " + abbreviate(json));
      }
      return Integer.parseInt(m.group(1));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The COPY baseline.

  /** The same rows as the HTTP side, into traces of their own, over one connection. */
  /** PGCOPY signature, flags, header extension length. */
  static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0,
      0, 0};
  /** A field count of -1 ends a binary COPY. */
  static final byte[] BINARY_TRAILER = {(byte) 0xFF, (byte) 0xFF};

  static void endCopy(CopyIn in, boolean binary) throws SQLException {
    if (binary) {
      in.writeToCopy(BINARY_TRAILER, 0, BINARY_TRAILER.length);
    }
    in.endCopy();
  }

  static Timed copyBaseline(Options o, Workload work, String[] traceIds, String format, Process server,
      List<String> failures) throws SQLException {
    boolean oneStream = o.copy().equals("stream");
    boolean binary = format.equals("binary");
    String sql = COPY_COLUMNS + (binary ? "WITH (FORMAT binary)" : "WITH (FORMAT csv)");
    try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
      long t0 = System.nanoTime();
      List<byte[]> chunks = work.render(b -> binary ? work.binary(b, traceIds) : work.csv(b, traceIds));
      System.out.printf(Locale.ROOT, "copy %s: %d chunks generated in %.1f s (not timed); %s, one connection%n",
          format, chunks.size(), secondsSince(t0), oneStream
              ? "one COPY streams all rows in one transaction"
              : "one COPY of " + o.batch() + " rows per transaction");
      copy(db, sql, binary, chunks, 0, work.warmupBatches(), oneStream);
      settle(db);
      Cpu cpuBefore = Cpu.now(server, db);
      double seconds = copy(db, sql, binary, chunks, work.warmupBatches(), work.batches(), oneStream);
      Timed timed = new Timed(o.events(), seconds, Cpu.now(server, db).since(cpuBefore));
      System.out.printf(Locale.ROOT, "copy %s: %d events in %.2f s = %.0f events/s%n%n", format, o.events(),
          seconds, timed.rate());
      long stored = countRows(db, traceIds)[0];
      if (stored != o.events() + o.warmup()) {
        failures.add("copy baseline stored " + stored + " rows, expected " + (o.events() + o.warmup()));
      }
      return timed;
    }
  }

  /**
   * COPYs chunks [from, to): one COPY (and transaction) per chunk, or one stream of them all. A
   * binary COPY opens with the format's header and closes with its trailer.
   */
  static double copy(Connection db, String sql, boolean binary, List<byte[]> chunks, int from, int to,
      boolean oneStream) throws SQLException {
    CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
    db.setAutoCommit(true);
    long t0 = System.nanoTime();
    CopyIn in = null;
    for (int i = from; i < to; i++) {
      if (in == null) {
        in = copy.copyIn(sql);
        if (binary) {
          in.writeToCopy(BINARY_HEADER, 0, BINARY_HEADER.length);
        }
      }
      in.writeToCopy(chunks.get(i), 0, chunks.get(i).length);
      if (!oneStream) {
        endCopy(in, binary);
        in = null;
      }
    }
    if (in != null) {
      endCopy(in, binary);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Before a timed phase: no dead rows or dirty pages left over from the previous one. */
  static void settle(Connection db) throws SQLException {
    db.setAutoCommit(true);
    try (var statement = db.createStatement()) {
      statement.execute("vacuum (analyze) event");
      statement.execute("checkpoint");
    }
  }

  /** A timed run: events stored, wall time, and the CPU time spent meanwhile. */
  record Timed(long events, double seconds, Cpu cpu) {
    double rate() {
      return events / seconds;
    }

    String cpuSummary() {
      return String.format(Locale.ROOT,
          "server %.1f s, postgres %.1f s, load generator %.1f s  (%.0f ms per 1000 events)", cpu.server(),
          cpu.postgres(), cpu.self(), cpu.total() * 1e6 / Math.max(1, events));
    }
  }

  /**
   * CPU seconds used so far by the server, by PostgreSQL and by this program, as the operating
   * system tells Java. PostgreSQL is the backends of the bench database and the shared background
   * processes (WAL writer, checkpointer, autovacuum). It is approximate: a process that ended
   * meanwhile (an autovacuum worker, say) is missed, and shared processes also work for others.
   */
  record Cpu(double server, double postgres, double self, Map<Long, Double> byPostgresProcess) {
    static Cpu now(Process server, Connection db) throws SQLException {
      Map<Long, Double> postgres = new HashMap<>();
      try (var query = db.createStatement(); var rows = query.executeQuery(
          "select pid from pg_stat_activity where datname = current_database() or backend_type <> 'client backend'")) {
        while (rows.next()) {
          ProcessHandle.of(rows.getLong(1)).ifPresent(p -> postgres.put(p.pid(), seconds(p)));
        }
      }
      // PostgreSQL's share is summed per process by since(), as backends come and go.
      return new Cpu(seconds(server.toHandle()), 0, seconds(ProcessHandle.current()), postgres);
    }

    /** What was used between then and now. */
    Cpu since(Cpu then) {
      double postgres = byPostgresProcess.entrySet().stream()
          .mapToDouble(e -> e.getValue() - then.byPostgresProcess.getOrDefault(e.getKey(), 0.0)).sum();
      return new Cpu(server - then.server, postgres, self - then.self, Map.of());
    }

    double total() {
      return server + postgres + self;
    }

    private static double seconds(ProcessHandle process) {
      return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Verification.

  record Verification(String summary, List<String> failures) {}

  /** Every acknowledged event stored exactly once, nothing stored that was not acknowledged. */
  static Verification verify(Connection db, String[] traceIds, UUID[][] ids, Ingest ingest) throws SQLException {
    long[] counts = countRows(db, traceIds);
    long stored = counts[0];
    long distinct = counts[1];
    long acknowledged = ingest.acknowledgedEvents(0, ids.length);

    Set<UUID> storedIds = new HashSet<>((int) (stored * 1.4));
    db.setAutoCommit(false); // so that the fetch size streams the rows
    try (var query = db.prepareStatement("select id from event where tenant_id = 'default' and trace_id = any(?)")) {
      query.setArray(1, uuidArray(db, traceIds));
      query.setFetchSize(10_000);
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          storedIds.add(rows.getObject(1, UUID.class));
        }
      }
    }
    db.commit();
    long missing = 0;
    long expected = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ingest.acknowledged(i)) {
        for (UUID id : ids[i]) {
          expected++;
          if (!storedIds.contains(id)) {
            missing++;
          }
        }
      }
    }
    long unacknowledged = storedIds.size() - (expected - missing);

    List<String> failures = new ArrayList<>();
    if (stored != acknowledged) {
      failures.add(stored + " rows stored but " + acknowledged + " events acknowledged");
    }
    if (distinct != stored) {
      failures.add((stored - distinct) + " duplicate event ids stored");
    }
    if (missing > 0) {
      failures.add(missing + " acknowledged events missing from the table");
    }
    if (unacknowledged > 0) {
      failures.add(unacknowledged + " stored events were never acknowledged");
    }
    String summary = String.format(Locale.ROOT, "stored %d %s acknowledged %d, distinct %d, missing %d  %s", stored,
        stored == acknowledged ? "=" : "!=", acknowledged, distinct, missing, failures.isEmpty() ? "OK" : "FAILED");
    return new Verification(summary, failures);
  }

  /** count(*) and count(distinct id) of the events of these traces. */
  static long[] countRows(Connection db, String[] traceIds) throws SQLException {
    try (var query = db.prepareStatement(
        "select count(*), count(distinct id) from event where tenant_id = 'default' and trace_id = any(?)")) {
      query.setArray(1, uuidArray(db, traceIds));
      try (var rows = query.executeQuery()) {
        rows.next();
        return new long[] {rows.getLong(1), rows.getLong(2)};
      }
    }
  }

  private static java.sql.Array uuidArray(Connection db, String[] ids) throws SQLException {
    return db.createArrayOf("uuid", Arrays.stream(ids).map(UUID::fromString).toArray(UUID[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // The server.

  /** Samples /metrics every second: the largest used heap seen, and GC time in the timed phase. */
  static final class HeapSampler {
    private final int port;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "heap-sampler");
      thread.setDaemon(true);
      return thread;
    });
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicInteger samples = new AtomicInteger();
    private Map<String, Double> atStart = Map.of();
    private Map<String, Double> atEnd = Map.of();

    HeapSampler(int port) {
      this.port = port;
    }

    void start() {
      timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    void phaseStarts() {
      atStart = metricsOrEmpty();
    }

    void phaseEnds() {
      atEnd = metricsOrEmpty();
    }

    void stop() {
      timer.shutdownNow();
    }

    private void sample() {
      Map<String, Double> metrics = metricsOrEmpty();
      Double used = metrics.get("memory_usedHeap_bytes");
      if (used != null) {
        samples.incrementAndGet();
        maxUsed.accumulateAndGet(used.longValue(), Math::max);
        maxHeap.set(metrics.getOrDefault("memory_maxHeap_bytes", 0.0).longValue());
      }
    }

    String summary() {
      String gc = "";
      if (atStart.containsKey("gc_time_seconds_total") && atEnd.containsKey("gc_time_seconds_total")) {
        gc = String.format(Locale.ROOT, "; GC %.1f s in %.0f collections during the timed HTTP run",
            atEnd.get("gc_time_seconds_total") - atStart.get("gc_time_seconds_total"),
            atEnd.getOrDefault("gc_total", 0.0) - atStart.getOrDefault("gc_total", 0.0));
      }
      return String.format(Locale.ROOT, "max used %d MB of %d MB  (%d samples%s)", maxUsed.get() >> 20,
          maxHeap.get() >> 20, samples.get(), gc);
    }

    /**
     * The base scope in Prometheus text, summed over labels (both GC collectors). MicroProfile
     * Metrics 5 names them memory_usedHeap_bytes{mp_scope="base"}; older versions put base_ first.
     */
    private Map<String, Double> metricsOrEmpty() {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics?scope=base"))
            .timeout(Duration.ofSeconds(5)).build();
        Map<String, Double> metrics = new HashMap<>();
        for (String line : HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
          int space = line.lastIndexOf(' ');
          if (line.startsWith("#") || space < 0) {
            continue;
          }
          String name = line.split("[{ ]", 2)[0].replaceFirst("^base_", "");
          metrics.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
        }
        return metrics;
      } catch (IOException | RuntimeException e) {
        return Map.of(); // a missed sample is no reason to stop the run
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Map.of();
      }
    }
  }

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

  static String[] createTraces(String api, int count, String contextId) throws Exception {
    String[] ids = new String[count];
    Pattern id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/traces"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"type\":\"api_request\",\"name\":\"bench\",\"contextId\":\"" + contextId + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = id.matcher(response.body());
      if (response.statusCode() != 201 || !m.find()) {
        throw new IllegalStateException("creating a trace: " + response.statusCode() + " " + response.body());
      }
      ids[i] = m.group(1);
    }
    return ids;
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

  record Options(int events, int clients, int batch, String format, boolean gzip, int traces, String endpoint,
      String serverHeap, Path jar, int warmup, String copy, Path work) {

    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("options are --name=value, not " + arg);
        }
        String[] kv = arg.substring(2).split("=", 2);
        m.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
      Options o = new Options(
          positive(m, "events", 1_000_000), positive(m, "clients", 4), positive(m, "batch", 1000),
          oneOf(m, "format", "ndjson", "json"), Boolean.parseBoolean(oneOf(m, "gzip", "false", "true")),
          positive(m, "traces", 100), oneOf(m, "endpoint", "mixed", "trace"),
          m.getOrDefault("server-heap", "512m"),
          Path.of(m.getOrDefault("jar", "payara-config/target/trace-server.jar")),
          number(m, "warmup", 50_000), oneOf(m, "copy", "batch", "stream"),
          Path.of(m.getOrDefault("work", "bench/out/ingestion")));
      m.keySet().removeAll(List.of("events", "clients", "batch", "format", "gzip", "traces", "endpoint",
          "server-heap", "jar", "warmup", "copy", "work"));
      if (!m.isEmpty()) {
        throw new IllegalArgumentException("unknown option(s): " + m.keySet());
      }
      if (o.warmup() < 0) {
        throw new IllegalArgumentException("--warmup must be 0 or more");
      }
      return o;
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

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
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
