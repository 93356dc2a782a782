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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Analytics benchmark, JDK and pgjdbc only: run with bench/analytics/run.sh.
 *
 * <p>LOAD: recreates the database, lets a trace-server.jar of its own migrate it, then loads a
 * week of realistic traces and events straight into PostgreSQL with binary COPY over two
 * connections, generated in parallel and streamed chunk by chunk. QUERY: times the filtered list
 * and the aggregation of {@code POST /api/v1/traces/query} over HTTP, one request at a time, and
 * prints the plans of the SQL in bench/analytics/explain.sql.
 */
public class AnalyticsBench {

  private static final String DB_NAME = "trace_analytics_bench";
  private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DB_NAME;
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String TENANT = "default";
  private static final String QUERY_PATH = "/api/v1/traces/query";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final String[] TYPES =
      {"api_request", "module_operation", "background_task", "workflow_execution", "custom"};
  private static final String[] LEVELS = {"debug", "info", "warn", "error", "critical"};
  private static final int ERRORS_SHOWN = 5;

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "; see bench/analytics/README.md");
      System.exit(2);
      return;
    }
    System.out.printf("machine: %d cores, java %s; server -Xmx%s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), o.serverHeap(), o.jar());
    System.out.printf("database %s; load %s", DB_NAME, o.load());
    if (o.load()) {
      System.out.printf(": %d traces, %d events over %d days", o.traces(), o.events(), o.days());
    }
    System.out.printf("; queries: %d warm-up + %d timed iterations each%n%n", o.warmup(), o.iterations());

    List<String> failures = new ArrayList<>();
    Path root = o.work().resolve("payara-root");
    Path log = o.work().resolve("server.log");
    Files.createDirectories(o.work());
    if (o.load()) {
      recreateDatabase();
    } else {
      requireDatabase();
    }
    int port = freePort();
    Process server = startServer(o, port, root, log);
    Thread killServer = new Thread(server::destroy);
    Runtime.getRuntime().addShutdownHook(killServer); // Ctrl-C must not leave the server running
    Load load = null;
    Sizes sizes;
    List<Latency> latencies = new ArrayList<>();
    long logAtReady = 0;
    try {
      long t0 = System.nanoTime();
      waitForReady(port, server, log, 180);
      System.out.printf(Locale.ROOT, "server ready on port %d in %.1f s, database migrated (log %s)%n%n", port,
          secondsSince(t0), log);
      logAtReady = Files.size(log);

      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        if (o.load()) {
          load = load(o, db);
        }
        sizes = check(db, failures);
      }

      // QUERY: over the range the database holds, whether loaded now or earlier.
      Range range;
      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        range = Range.of(db);
      }
      System.out.printf("%nQUERY: traces started %s .. %s; POST %s, 1 client, sequential%n", range.from(),
          range.to(), QUERY_PATH);
      String api = "http://127.0.0.1:" + port;
      Random random = new Random(7);
      latencies.add(timeQuery(o, api, "list", "items", 50, failures, i -> {
        Instant to = range.randomEnd(random);
        return "{\"filter\":{\"types\":[\"" + TYPES[i % TYPES.length] + "\"],\"statuses\":[\"completed\"],"
            + "\"startedFrom\":\"" + to.minus(24, ChronoUnit.HOURS) + "\",\"startedTo\":\"" + to + "\","
            + "\"hasErrors\":true},\"page\":{\"page\":0,\"size\":50,\"sortBy\":\"startedAt\",\"direction\":\"desc\"}}";
      }, i -> TYPES[i % TYPES.length]));
      latencies.add(timeQuery(o, api, "aggregation", "aggregations", 500, failures, i -> {
        Instant to = range.randomEnd(random);
        return "{\"filter\":{\"startedFrom\":\"" + to.minus(24, ChronoUnit.HOURS) + "\",\"startedTo\":\"" + to
            + "\"},\"aggregation\":{\"groupBy\":[\"type\",\"time.1h\"],\"measures\":[\"count\",\"p95Duration\","
            + "\"errorRate\"]},\"page\":{\"size\":0}}";
      }, i -> null));

      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        explain(db, range, o.explain(), failures);
      }
    } finally {
      stop(server);
      Runtime.getRuntime().removeShutdownHook(killServer);
      deleteRecursively(root);
    }

    System.out.println();
    System.out.println("SUMMARY");
    if (load != null) {
      System.out.printf(Locale.ROOT, "%-16s%d traces + %d events in %.1f s = %.0f rows/s (%.0f events/s); "
              + "VACUUM (ANALYZE) %.1f s more%n", "load", load.traces(), load.events(), load.seconds(),
          (load.traces() + load.events()) / load.seconds(), load.events() / load.seconds(), load.vacuumSeconds());
    }
    System.out.printf("%-16s%s%n", "size per event", sizes.perEvent());
    System.out.printf("%-16s%s%n", "size per trace", sizes.perTrace());
    for (Latency l : latencies) {
      System.out.printf("%-16s%s%n", l.label(), l.summary());
    }
    System.out.printf("%-16s%s%n", "server log", logSummary(log, logAtReady));
    if (!failures.isEmpty()) {
      System.err.println();
      System.err.println("FAILED:");
      failures.forEach(f -> System.err.println("  " + f));
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // LOAD: chunks of consecutive traces (in order of start), generated by two threads, each COPYed
  // with its events in one transaction by one of two loader connections.

  record Load(long traces, long events, double seconds, double vacuumSeconds) {}

  /** One chunk as two binary COPY streams, header and trailer included. */
  record Chunk(int index, byte[] traces, byte[] events, int traceCount, int eventCount) {}

  private static final Chunk END = new Chunk(-1, null, null, 0, 0);
  private static final int CHUNK_TRACES = 2000;
  private static final int LOADERS = 2;
  private static final int GENERATORS = 2;

  static Load load(Options o, Connection db) throws Exception {
    Workload work = new Workload(o, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    LocalDate firstDay = LocalDate.ofInstant(work.start(), ZoneOffset.UTC);
    LocalDate lastDay = LocalDate.ofInstant(work.end(), ZoneOffset.UTC);
    try (var ensure = db.prepareStatement("select trace_event_partitions_ensure(?, ?)")) {
      ensure.setObject(1, firstDay);
      ensure.setObject(2, lastDay);
      try (var rows = ensure.executeQuery()) {
        rows.next();
        System.out.printf("LOAD: started_at %s .. %s; event partitions %s .. %s (%d created now)%n", work.start(),
            work.end(), firstDay, lastDay, rows.getInt(1));
      }
    }
    int chunks = (o.traces() + CHUNK_TRACES - 1) / CHUNK_TRACES;
    System.out.printf("      %d chunks of up to %d traces, %d generator threads, %d COPY connections (binary)%n",
        chunks, CHUNK_TRACES, GENERATORS, LOADERS);

    BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4);
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong tracesLoaded = new AtomicLong();
    AtomicLong eventsLoaded = new AtomicLong();
    AtomicInteger chunksLoaded = new AtomicInteger();
    AtomicInteger generatorsLeft = new AtomicInteger(GENERATORS);
    long t0 = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int g = 0; g < GENERATORS; g++) {
      threads.add(new Thread(() -> {
        try {
          for (int c = nextChunk.getAndIncrement(); c < chunks && failure.get() == null;
              c = nextChunk.getAndIncrement()) {
            Chunk chunk = work.chunk(c);
            while (!queue.offer(chunk, 1, TimeUnit.SECONDS)) {
              if (failure.get() != null) {
                return;
              }
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          if (generatorsLeft.decrementAndGet() == 0) {
            try {
              for (int l = 0; l < LOADERS; l++) { // one END per loader; a loader that failed takes none
                while (!queue.offer(END, 1, TimeUnit.SECONDS) && failure.get() == null) {
                  // the loaders are busy
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
      }, "generator-" + g));
    }
    for (int l = 0; l < LOADERS; l++) {
      threads.add(new Thread(() -> {
        try (Connection c = DriverManager.getConnection(DB_URL, "postgres", "")) {
          c.setAutoCommit(false);
          try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
          }
          c.commit();
          CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
          int lastDecile = 0;
          while (true) {
            Chunk chunk = queue.take();
            if (chunk == END || failure.get() != null) {
              return;
            }
            long traces = copy(copy, "COPY trace (" + Workload.TRACE_COLUMNS + ") FROM STDIN WITH (FORMAT binary)",
                chunk.traces());
            long events = copy(copy, "COPY event (" + Workload.EVENT_COLUMNS + ") FROM STDIN WITH (FORMAT binary)",
                chunk.events());
            c.commit();
            if (traces != chunk.traceCount() || events != chunk.eventCount()) {
              throw new IllegalStateException("chunk " + chunk.index() + ": COPY stored " + traces + " traces and "
                  + events + " events, expected " + chunk.traceCount() + " and " + chunk.eventCount());
            }
            long tracesSoFar = tracesLoaded.addAndGet(traces);
            long eventsSoFar = eventsLoaded.addAndGet(events);
            int done = chunksLoaded.incrementAndGet();
            if (done * 10L / chunks > (done - 1) * 10L / chunks) {
              System.out.printf(Locale.ROOT, "      %3d%%  %,d traces, %,d events, %.1f s%n", done * 100 / chunks,
                  tracesSoFar, eventsSoFar, secondsSince(t0));
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "loader-" + l));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("load failed: " + failure.get(), failure.get());
    }
    double seconds = secondsSince(t0);
    System.out.printf(Locale.ROOT, "      loaded %,d traces and %,d events in %.1f s = %.0f rows/s%n",
        tracesLoaded.get(), eventsLoaded.get(), seconds, (tracesLoaded.get() + eventsLoaded.get()) / seconds);

    long v0 = System.nanoTime();
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute("vacuum (analyze) trace, event");
    }
    double vacuum = secondsSince(v0);
    System.out.printf(Locale.ROOT, "      VACUUM (ANALYZE) trace, event: %.1f s%n", vacuum);
    return new Load(tracesLoaded.get(), eventsLoaded.get(), seconds, vacuum);
  }

  private static long copy(CopyManager copy, String sql, byte[] data) throws SQLException {
    CopyIn in = copy.copyIn(sql);
    try {
      in.writeToCopy(data, 0, data.length);
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /**
   * The generated data. Trace i of N starts at the (i + u)/N quantile of a distribution over the
   * range with a daily cycle, so traces come in order of start and chunks in order of time, as a
   * live system writes them. Everything about chunk c depends only on c and the options.
   */
  static final class Workload {
    static final String TRACE_COLUMNS = "tenant_id, id, context_id, execution_id, type, name, description, status,"
        + " metadata, tags, started_at, completed_at, duration_ms, failure_reason, debug_events, info_events,"
        + " warn_events, error_events, critical_events";
    static final String EVENT_COLUMNS =
        "tenant_id, trace_id, id, parent_id, type, level, message, data, occurred_at, duration_ms";

    private static final long MINUTE = 60_000_000L; // micros
    /** Traces per type, per thousand: api_request first. */
    private static final int[] TYPE_SHARE = {550, 150, 120, 100, 80};
    /** Median duration in ms and spread (sigma of its logarithm), per type. */
    private static final double[] MEDIAN_MS = {35, 20, 1500, 800, 100};
    private static final double[] SIGMA = {1.2, 1.3, 1.5, 1.6, 1.4};
    private static final String[][] NAMES = {
        {"GET /api/orders/{id}", "GET /api/products", "POST /api/cart", "GET /api/products/{id}",
            "GET /api/search", "PUT /api/cart/items/{id}", "POST /api/checkout", "GET /api/customers/{id}",
            "POST /api/payments", "DELETE /api/cart/items/{id}", "GET /api/orders", "POST /api/auth/token"},
        {"inventory.reserve", "pricing.calculate", "catalog.lookup", "tax.compute", "shipping.quote",
            "loyalty.apply", "fraud.score"},
        {"email-dispatch", "cache-warmup", "search-index-refresh", "session-cleanup", "nightly-report",
            "invoice-export"},
        {"order-fulfillment", "refund-approval", "customer-onboarding", "invoice-generation", "return-processing"},
        {"feature-flag-evaluation", "ab-test-assignment", "data-export", "webhook-delivery"}};
    private static final String[] TAGS =
        {"web", "mobile", "checkout", "eu", "us", "beta", "internal", "retry", "batch", "critical-path"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] VERSIONS = {"1.4.2", "1.4.1", "1.5.0-rc1", "1.3.9", "1.4.0", "2.0.0"};
    private static final String[] TIERS = {"free", "silver", "gold", "platinum"};
    private static final String[] FAILURES = {
        "Timeout calling payments.internal after 30000 ms",
        "java.lang.IllegalStateException: order is already shipped",
        "Connection refused: inventory.internal:8443",
        "Validation failed: quantity must be positive",
        "ERROR: deadlock detected while updating stock",
        "HTTP 503 from pricing.internal: upstream unavailable"};
    private static final String[] EVENT_TYPES = {"db.query", "http.call", "cache.get", "log", "queue.publish"};
    private static final int[] EVENT_TYPE_SHARE = {35, 15, 20, 25, 5};
    private static final double[] EVENT_MEDIAN_MS = {3, 35, 0.4, 0.05, 1.5};
    private static final String[] TABLES = {"orders", "customers", "invoices", "shipments", "line_items"};
    private static final String[] HOSTS = {"inventory.internal", "payments.internal", "pricing.internal"};
    private static final String[] CACHES = {"user-sessions", "product-pages", "price-lists"};
    private static final String[] STATES = {"PENDING", "PAID", "PACKED", "SHIPPED", "DELIVERED"};
    private static final String[] TOPICS = {"orders.events", "payments.events", "audit.log"};
    private static final String[] EXCEPTIONS = {"java.net.SocketTimeoutException", "java.sql.SQLTransientException",
        "java.lang.IllegalStateException", "jakarta.validation.ConstraintViolationException"};
    private static final int CONTEXTS = 10_000;
    private static final long EXPIRY_MICROS = 30 * MINUTE;
    private static final double MAX_DURATION_MS = 20 * 60_000;

    private final Options o;
    private final long startMicros;
    private final long endMicros;
    /** Cumulative weight of the minutes of the range: the daily cycle. */
    private final double[] minuteCdf;
    private final double[] contextCdf = zipfCdf(CONTEXTS, 0.9);
    private final double[][] nameCdf = new double[NAMES.length][];
    /** Multiplies the drawn event counts so that their mean is events / traces. */
    private final double countScale;

    Workload(Options o, Instant end) {
      this.o = o;
      this.endMicros = ChronoUnit.MICROS.between(Instant.EPOCH, end);
      this.startMicros = endMicros - o.days() * 1440L * MINUTE;
      int minutes = o.days() * 1440;
      minuteCdf = new double[minutes + 1];
      for (int m = 0; m < minutes; m++) {
        minuteCdf[m + 1] = minuteCdf[m] + weight(startMicros + m * MINUTE + MINUTE / 2);
      }
      for (int t = 0; t < NAMES.length; t++) {
        nameCdf[t] = zipfCdf(NAMES[t].length, 1.0);
      }
      SplittableRandom r = new SplittableRandom(1);
      double sum = 0;
      int samples = 200_000;
      for (int i = 0; i < samples; i++) {
        sum += rawEventCount(r, pickType(r));
      }
      countScale = (double) o.events() / o.traces() / (sum / samples);
    }

    Instant start() {
      return micros(startMicros);
    }

    Instant end() {
      return micros(endMicros);
    }

    /**
     * Traffic by time of day (UTC): four times as many traces at 15:00 as at 03:00, and weekends
     * at 70% of weekdays.
     */
    private static double weight(long micros) {
      double hour = (micros / 1e6 / 3600) % 24;
      double day = 0.25 + 0.75 * (0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 3) / 24));
      int weekday = micros(micros).atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
      return weekday >= 6 ? day * 0.7 : day;
    }

    /** The start of trace at quantile q of the range. */
    private long startAt(double q) {
      double target = q * minuteCdf[minuteCdf.length - 1];
      int m = Arrays.binarySearch(minuteCdf, target);
      m = m >= 0 ? Math.min(m, minuteCdf.length - 2) : Math.min(-m - 2, minuteCdf.length - 2);
      double within = (target - minuteCdf[m]) / (minuteCdf[m + 1] - minuteCdf[m]);
      return startMicros + m * MINUTE + (long) (Math.min(Math.max(within, 0), 0.999999) * MINUTE);
    }

    private static int pickType(SplittableRandom r) {
      int x = r.nextInt(1000);
      for (int t = 0; t < TYPE_SHARE.length; t++) {
        x -= TYPE_SHARE[t];
        if (x < 0) {
          return t;
        }
      }
      return 0;
    }

    /**
     * Events of a trace before scaling: mostly 2 to 5, a long tail past 50 (workflows and
     * background tasks more often); mean about 10.
     */
    private static int rawEventCount(SplittableRandom r, int type) {
      double heavy = type == 2 || type == 3 ? 0.06 : 0.015;
      double x = r.nextDouble();
      if (x < heavy) {
        // Pareto tail from 50: half of these under ~70, a few in the hundreds.
        return (int) Math.min(2000, 50 + 30 * (Math.pow(1 - r.nextDouble(), -1 / 2.0) - 1));
      } else if (x < heavy + 0.12) {
        return 16 + r.nextInt(25);
      } else if (x < heavy + 0.36) {
        return 6 + r.nextInt(10);
      }
      return 2 + r.nextInt(4);
    }

    /** Chunk c: traces [c * CHUNK_TRACES, ...) and their events, as binary COPY data. */
    Chunk chunk(int c) {
      SplittableRandom r = new SplittableRandom(0x5EED_0000L + c);
      int first = c * CHUNK_TRACES;
      int count = Math.min(CHUNK_TRACES, o.traces() - first);
      // This chunk's share of the events, exactly, so that the whole run holds --events.
      long quota = (long) ((double) o.events() * (first + count) / o.traces())
          - (long) ((double) o.events() * first / o.traces());
      int[] types = new int[count];
      int[] eventCounts = new int[count];
      long sum = 0;
      for (int j = 0; j < count; j++) {
        types[j] = pickType(r);
        double scaled = rawEventCount(r, types[j]) * countScale;
        int n = (int) scaled + (r.nextDouble() < scaled - (int) scaled ? 1 : 0);
        eventCounts[j] = Math.max(1, n);
        sum += eventCounts[j];
      }
      while (sum < quota) {
        eventCounts[r.nextInt(count)]++;
        sum++;
      }
      int floor = 1;
      for (int tries = 0; sum > quota; tries++) {
        if (tries > 50 * count) {
          floor = 0; // fewer events than traces asked for
        }
        int j = r.nextInt(count);
        if (eventCounts[j] > floor) {
          eventCounts[j]--;
          sum--;
        }
      }

      Tuples traces = new Tuples(count * 420);
      Tuples events = new Tuples((int) Math.min(Integer.MAX_VALUE - 16, quota * 330 + 64));
      traces.header();
      events.header();
      int[] levelCounts = new int[LEVELS.length];
      for (int j = 0; j < count; j++) {
        trace(r, first + j, types[j], eventCounts[j], traces, events, levelCounts);
      }
      traces.trailer();
      events.trailer();
      return new Chunk(c, traces.bytes(), events.bytes(), count, (int) quota);
    }

    private void trace(SplittableRandom r, int i, int type, int eventCount, Tuples traces, Tuples events,
        int[] levels) {
      long started = startAt((i + r.nextDouble()) / o.traces());
      long idHigh = uuidV7High(r, started / 1000);
      long idLow = uuidV7Low(r);
      double position = (double) i / o.traces();
      double x = r.nextDouble();
      // The newest 2% of traces: half of them still running. Of the rest, a few per cent failed,
      // cancelled or expired (an expired trace ran into the 30-minute timeout).
      String status;
      if (position >= 0.98 && r.nextBoolean()) {
        status = "active";
      } else if (x < 0.035) {
        status = "failed";
      } else if (x < 0.045) {
        status = "cancelled";
      } else if (x < 0.055 && started + EXPIRY_MICROS <= endMicros) {
        status = "expired";
      } else {
        status = "completed";
      }
      boolean active = status.equals("active");
      double durationMs = Math.min(MAX_DURATION_MS,
          MEDIAN_MS[type] * Math.exp(r.nextGaussian() * SIGMA[type]) * (status.equals("failed") ? 1.5 : 1));
      long span = Math.max(1, Math.round(durationMs * 1000)); // micros
      if (status.equals("expired")) {
        span = EXPIRY_MICROS;
      }
      span = Math.min(span, endMicros - started);
      if (active) {
        span = Math.max(0, Math.min(span, endMicros - started)); // what has happened so far
      }

      // The events, in the order they occurred.
      long[] offsets = new long[eventCount];
      for (int k = 1; k < eventCount; k++) {
        offsets[k] = r.nextLong(span + 1);
      }
      Arrays.sort(offsets);
      int[] level = new int[eventCount];
      for (int k = 0; k < eventCount; k++) {
        double l = r.nextDouble();
        level[k] = l < 0.30 ? 0 : l < 0.96 ? 1 : 2;
      }
      if (status.equals("failed") && eventCount > 0) {
        level[eventCount - 1] = 3;
        if (eventCount > 2 && r.nextInt(10) < 3) {
          level[eventCount - 2] = 3;
        }
        if (r.nextInt(10) == 0) {
          level[r.nextInt(eventCount)] = 4;
        }
      } else if (eventCount > 0 && r.nextInt(100) == 0) {
        level[r.nextInt(eventCount)] = 3; // an error the trace got over
        if (r.nextBoolean()) {
          level[r.nextInt(eventCount)] = 3;
        }
      }
      Arrays.fill(levels, 0);
      long[] eventHigh = new long[eventCount];
      long[] eventLow = new long[eventCount];
      for (int k = 0; k < eventCount; k++) {
        long at = started + offsets[k];
        eventHigh[k] = uuidV7High(r, at / 1000);
        eventLow[k] = uuidV7Low(r);
        levels[level[k]]++;
        event(r, events, idHigh, idLow, eventHigh[k], eventLow[k],
            k > 0 && r.nextInt(5) == 0 ? r.nextInt(k) : -1, eventHigh, eventLow, level[k], at,
            active ? -1 : started + span - at, i);
      }

      traces.fieldCount(19);
      traces.text(TENANT);
      traces.uuid(idHigh, idLow);
      traces.text(String.format(Locale.ROOT, "customer-%05d", pick(r, contextCdf) + 1));
      if (type == 3 || r.nextInt(5) == 0) {
        traces.text("exec-" + Integer.toHexString(0x100000 + i / 3)); // a few neighbours share one
      } else {
        traces.nul();
      }
      traces.text(TYPES[type]);
      String name = NAMES[type][pick(r, nameCdf[type])];
      traces.text(name);
      if (r.nextInt(4) == 0) {
        traces.text(name + " for " + TIERS[r.nextInt(TIERS.length)] + " customer");
      } else {
        traces.nul();
      }
      traces.text(status);
      int tier = r.nextInt(10);
      traces.jsonb("{\"region\":\"" + REGIONS[r.nextInt(REGIONS.length)] + "\",\"version\":\""
          + VERSIONS[r.nextInt(VERSIONS.length)] + "\",\"customerTier\":\""
          + TIERS[tier < 5 ? 0 : tier < 8 ? 1 : tier < 9 ? 2 : 3] + "\"}");
      int tagCount = r.nextInt(10);
      tagCount = tagCount < 4 ? 0 : tagCount < 7 ? 1 : tagCount < 9 ? 2 : 3;
      String[] tags = new String[tagCount];
      int offset = r.nextInt(TAGS.length);
      for (int t = 0; t < tagCount; t++) {
        tags[t] = TAGS[(offset + t * 3) % TAGS.length]; // distinct
      }
      traces.varcharArray(tags);
      traces.timestamp(started);
      if (active) {
        traces.nul();
        traces.nul();
      } else {
        traces.timestamp(started + span);
        traces.float8(span / 1000.0);
      }
      if (status.equals("failed")) {
        traces.text(FAILURES[r.nextInt(FAILURES.length)]);
      } else {
        traces.nul();
      }
      for (int l = 0; l < LEVELS.length; l++) {
        if (active) {
          traces.nul(); // counted live while the trace runs
        } else {
          traces.int4(levels[l]);
        }
      }
    }

    /** One event row; remaining is what is left of the trace after it (micros), or -1 if open. */
    private static void event(SplittableRandom r, Tuples out, long traceHigh, long traceLow, long high, long low,
        int parent, long[] highs, long[] lows, int level, long at, long remaining, int trace) {
      out.fieldCount(10);
      out.text(TENANT);
      out.uuid(traceHigh, traceLow);
      out.uuid(high, low);
      if (parent >= 0) {
        out.uuid(highs[parent], lows[parent]);
      } else {
        out.nul();
      }
      String type;
      String message;
      String data;
      double median;
      if (level >= 3) {
        String exception = EXCEPTIONS[r.nextInt(EXCEPTIONS.length)];
        String host = HOSTS[r.nextInt(HOSTS.length)];
        type = "exception";
        message = exception + ": request to " + host + " failed after " + (1 + r.nextInt(30)) + " s";
        data = "{\"exception\":\"" + exception + "\",\"host\":\"" + host + "\",\"attempt\":" + (1 + r.nextInt(3))
            + "}";
        median = 5;
      } else {
        int kind = pickShare(r, EVENT_TYPE_SHARE);
        type = EVENT_TYPES[kind];
        median = EVENT_MEDIAN_MS[kind];
        switch (kind) {
          case 0 -> {
            String table = TABLES[r.nextInt(TABLES.length)];
            message = "SELECT id, status, total FROM " + table + " WHERE customer_id = $1 LIMIT 200";
            data = "{\"table\":\"" + table + "\",\"rows\":" + r.nextInt(200) + ",\"pool\":\"primary\"}";
          }
          case 1 -> {
            String host = HOSTS[r.nextInt(HOSTS.length)];
            int status = r.nextInt(20) == 0 ? 503 : 200;
            message = "GET https://" + host + "/api/v2/items/" + r.nextInt(100_000) + " answered " + status;
            data = "{\"method\":\"GET\",\"host\":\"" + host + "\",\"status\":" + status + ",\"bytes\":"
                + r.nextInt(20_000) + "}";
          }
          case 2 -> {
            String cache = CACHES[r.nextInt(CACHES.length)];
            boolean hit = r.nextInt(4) != 0;
            message = "cache lookup in " + cache + ": " + (hit ? "hit" : "miss");
            data = "{\"region\":\"" + cache + "\",\"hit\":" + hit + "}";
          }
          case 3 -> {
            int state = r.nextInt(STATES.length - 1);
            message = "order " + (trace % 900_000 + 100_000) + " moved from " + STATES[state] + " to "
                + STATES[state + 1];
            data = "{\"logger\":\"checkout.OrderService\",\"thread\":\"worker-" + r.nextInt(16) + "\"}";
          }
          default -> {
            String topic = TOPICS[r.nextInt(TOPICS.length)];
            message = "published to " + topic;
            data = "{\"topic\":\"" + topic + "\",\"partition\":" + r.nextInt(12) + "}";
          }
        }
      }
      out.text(type);
      out.text(LEVELS[level]);
      out.text(message);
      out.jsonb(data);
      out.timestamp(at);
      double duration = median * Math.exp(r.nextGaussian());
      if (remaining >= 0) {
        duration = Math.min(duration, remaining / 1000.0); // within the trace
      }
      out.float8(Math.round(duration * 1000) / 1000.0);
    }

    private static int pickShare(SplittableRandom r, int[] shares) {
      int x = r.nextInt(100);
      for (int k = 0; k < shares.length; k++) {
        x -= shares[k];
        if (x < 0) {
          return k;
        }
      }
      return shares.length - 1;
    }

    /** Zipf-like: the k-th most frequent of n values has weight 1/k^s. */
    private static double[] zipfCdf(int n, double s) {
      double[] cdf = new double[n];
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += 1 / Math.pow(k + 1, s);
        cdf[k] = sum;
      }
      for (int k = 0; k < n; k++) {
        cdf[k] /= sum;
      }
      return cdf;
    }

    private static int pick(SplittableRandom r, double[] cdf) {
      int k = Arrays.binarySearch(cdf, r.nextDouble());
      return Math.min(cdf.length - 1, k >= 0 ? k : -k - 1);
    }
  }

  /** UUIDv7: 48 bits of Unix milliseconds, version 7, 12 random bits... */
  static long uuidV7High(SplittableRandom r, long epochMillis) {
    return (epochMillis << 16) | 0x7000L | r.nextInt(0x1000);
  }

  /** ...then the variant (binary 10) and 62 random bits. */
  static long uuidV7Low(SplittableRandom r) {
    return (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
  }

  static Instant micros(long epochMicros) {
    return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
  }

  /** Rows in PostgreSQL's binary COPY format, into a growing array. */
  static final class Tuples {
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01 UTC
    private static final int VARCHAR_OID = 1043;
    private byte[] buf;
    private int n;

    Tuples(int capacity) {
      buf = new byte[Math.max(capacity, 1024)];
    }

    /** PGCOPY signature, flags, header extension length. */
    void header() {
      bytes(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    /** A field count of -1 ends the data. */
    void trailer() {
      i16(-1);
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, n);
    }

    void fieldCount(int count) {
      i16(count);
    }

    void nul() {
      i32(-1);
    }

    void text(String value) {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      i32(b.length);
      bytes(b);
    }

    void jsonb(String json) {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      i32(b.length + 1);
      room(1);
      buf[n++] = 1; // jsonb format version
      bytes(b);
    }

    void uuid(long high, long low) {
      i32(16);
      i64(high);
      i64(low);
    }

    void timestamp(long epochMicros) {
      i32(8);
      i64(epochMicros - POSTGRES_EPOCH_MICROS);
    }

    void float8(double value) {
      i32(8);
      i64(Double.doubleToLongBits(value));
    }

    void int4(int value) {
      i32(4);
      i32(value);
    }

    /** A one-dimensional varchar[] (or an empty one). */
    void varcharArray(String[] values) {
      byte[][] elements = new byte[values.length][];
      int length = values.length == 0 ? 12 : 20;
      for (int k = 0; k < values.length; k++) {
        elements[k] = values[k].getBytes(StandardCharsets.UTF_8);
        length += 4 + elements[k].length;
      }
      i32(length);
      i32(values.length == 0 ? 0 : 1); // dimensions
      i32(0); // no nulls
      i32(VARCHAR_OID);
      if (values.length > 0) {
        i32(values.length);
        i32(1); // lower bound
        for (byte[] e : elements) {
          i32(e.length);
          bytes(e);
        }
      }
    }

    private void i16(int v) {
      room(2);
      buf[n++] = (byte) (v >>> 8);
      buf[n++] = (byte) v;
    }

    private void i32(int v) {
      room(4);
      buf[n++] = (byte) (v >>> 24);
      buf[n++] = (byte) (v >>> 16);
      buf[n++] = (byte) (v >>> 8);
      buf[n++] = (byte) v;
    }

    private void i64(long v) {
      i32((int) (v >>> 32));
      i32((int) v);
    }

    private void bytes(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    private void room(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checks and sizes, after a load or on the data already there.

  record Sizes(String perEvent, String perTrace) {}

  static Sizes check(Connection db, List<String> failures) throws SQLException {
    db.setAutoCommit(true);
    System.out.println();
    System.out.println("CHECK");
    long traces = single(db, "select count(*) from trace");
    long events = single(db, "select count(*) from event");
    long inDefault = single(db, "select count(*) from event_default");
    System.out.printf("      %,d traces, %,d events; %,d events in event_default %s%n", traces, events, inDefault,
        inDefault == 0 ? "OK" : "FAILED");
    if (traces == 0) {
      failures.add("the database holds no traces: load it first (--load=true)");
    }
    if (inDefault != 0) {
      failures.add(inDefault + " events in event_default: their day partitions were missing when they were loaded");
    }

    // Every event either counted on its ended trace, or belongs to an active trace.
    long counted = single(db, "select coalesce(sum(debug_events + info_events + warn_events + error_events"
        + " + critical_events), 0) from trace where status <> 'active'");
    long ofActive = single(db, "select count(*) from event e join trace t on t.tenant_id = e.tenant_id"
        + " and t.id = e.trace_id where t.status = 'active'");
    long summaryOfActive = single(db, "select count(*) from trace where status = 'active' and (debug_events"
        + " is not null or info_events is not null or warn_events is not null or error_events is not null"
        + " or critical_events is not null)");
    long summaryMissing = single(db, "select count(*) from trace where status <> 'active' and (debug_events"
        + " is null or info_events is null or warn_events is null or error_events is null"
        + " or critical_events is null)");
    boolean totalsOk = counted + ofActive == events && summaryOfActive == 0 && summaryMissing == 0;
    System.out.printf("      summary columns: %,d events counted on ended traces + %,d of active traces %s %,d;"
            + " %d active with counts, %d ended without  %s%n", counted, ofActive,
        counted + ofActive == events ? "=" : "!=", events, summaryOfActive, summaryMissing,
        totalsOk ? "OK" : "FAILED");
    if (!totalsOk) {
      failures.add("summary columns disagree with the events: " + counted + " counted + " + ofActive
          + " of active traces vs " + events + " events; " + summaryOfActive + " active traces with counts, "
          + summaryMissing + " ended traces without");
    }

    // A sample of ended traces, each level's count against its events.
    List<String> mismatches = new ArrayList<>();
    int sampled = 0;
    try (var s = db.createStatement(); var rows = s.executeQuery("""
        select t.id, t.debug_events, t.info_events, t.warn_events, t.error_events, t.critical_events,
               c.debug, c.info, c.warn, c.error, c.critical
        from (select tenant_id, id, debug_events, info_events, warn_events, error_events, critical_events
              from trace where status <> 'active' order by random() limit 1000) t
        cross join lateral (
          select count(*) filter (where level = 'debug') as debug,
                 count(*) filter (where level = 'info') as info,
                 count(*) filter (where level = 'warn') as warn,
                 count(*) filter (where level = 'error') as error,
                 count(*) filter (where level = 'critical') as critical
          from event e where e.tenant_id = t.tenant_id and e.trace_id = t.id) c""")) {
      while (rows.next()) {
        sampled++;
        for (int l = 0; l < 5; l++) {
          if (rows.getObject(2 + l) == null || rows.getLong(2 + l) != rows.getLong(7 + l)) {
            mismatches.add(rows.getString(1) + " " + LEVELS[l] + "_events " + rows.getObject(2 + l) + " but "
                + rows.getLong(7 + l) + " events");
          }
        }
      }
    }
    System.out.printf("      %d sampled ended traces: summary columns against their events: %d mismatches  %s%n",
        sampled, mismatches.size(), mismatches.isEmpty() && sampled > 0 ? "OK" : "FAILED");
    if (sampled == 0 && traces > 0) {
      failures.add("no ended traces to check the summary columns on");
    }
    if (!mismatches.isEmpty()) {
      failures.add(mismatches.size() + " summary columns of sampled traces differ from their events, e.g. "
          + mismatches.subList(0, Math.min(ERRORS_SHOWN, mismatches.size())));
    }

    try (var s = db.createStatement(); var rows = s.executeQuery("""
        select status, count(*), round(100.0 * count(*) / sum(count(*)) over (), 2),
               count(*) filter (where error_events > 0 or critical_events > 0),
               percentile_cont(0.5) within group (order by duration_ms),
               percentile_cont(0.99) within group (order by duration_ms)
        from trace group by status order by 2 desc""")) {
      System.out.println("      status       traces      %   with errors  duration p50 ms   p99 ms");
      while (rows.next()) {
        System.out.printf(Locale.ROOT, "      %-10s %9d %6.2f %12d %16.1f %8.0f%n", rows.getString(1), rows.getLong(2),
            rows.getDouble(3), rows.getLong(4), rows.getDouble(5), rows.getDouble(6));
      }
    }

    // On-disk size: every day partition of event (heap + toast + indexes), and the trace table.
    String perEvent;
    String perTrace;
    try (var s = db.createStatement(); var rows = s.executeQuery("""
        select coalesce(sum(pg_total_relation_size(relid)), 0), coalesce(sum(pg_table_size(relid)), 0),
               coalesce(sum(pg_indexes_size(relid)), 0), count(*)
        from pg_partition_tree('event') where isleaf""")) {
      rows.next();
      perEvent = size(rows.getLong(1), rows.getLong(2), rows.getLong(3), events, "event", rows.getInt(4)
          + " partitions");
    }
    try (var s = db.createStatement(); var rows = s.executeQuery(
        "select pg_total_relation_size('trace'), pg_table_size('trace'), pg_indexes_size('trace')")) {
      rows.next();
      perTrace = size(rows.getLong(1), rows.getLong(2), rows.getLong(3), traces, "trace", "1 table");
    }
    System.out.printf("      size per event: %s%n      size per trace: %s%n", perEvent, perTrace);
    return new Sizes(perEvent, perTrace);
  }

  private static String size(long total, long table, long indexes, long rows, String what, String of) {
    long n = Math.max(1, rows);
    return String.format(Locale.ROOT, "%.0f bytes (table %.0f + indexes %.0f); %s %.0f MB over %s", (double) total / n,
        (double) table / n, (double) indexes / n, what, total / 1048576.0, of);
  }

  private static long single(Connection db, String sql) throws SQLException {
    try (var s = db.createStatement(); var rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // QUERY.

  /** The range of start times the database holds. */
  record Range(Instant from, Instant to) {
    static Range of(Connection db) throws SQLException {
      try (var s = db.createStatement();
          var rows = s.executeQuery("select min(started_at), max(started_at) from trace")) {
        rows.next();
        if (rows.getTimestamp(1) == null) {
          return new Range(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now());
        }
        return new Range(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant().plusMillis(1)
            .truncatedTo(ChronoUnit.MILLIS));
      }
    }

    /** A random end of a 24-hour window inside the range (the range's end if it is shorter). */
    Instant randomEnd(Random random) {
      Instant earliest = from.plus(24, ChronoUnit.HOURS);
      long spread = Duration.between(earliest, to).toMillis();
      return spread <= 0 ? to : earliest.plusMillis((long) (random.nextDouble() * spread))
          .truncatedTo(ChronoUnit.SECONDS);
    }
  }

  interface Body {
    String of(int iteration);
  }

  interface Group {
    String of(int iteration);
  }

  record Latency(String label, String summary) {}

  /**
   * The warm-up, then the timed iterations, one request at a time. The first answer is checked
   * and described; a first answer other than 200 ends this query (the endpoint is missing or
   * broken), later ones are counted as failures.
   */
  static Latency timeQuery(Options o, String api, String label, String arrayKey, double targetMs,
      List<String> failures, Body body, Group group) throws InterruptedException {
    System.out.println();
    System.out.printf("%s: target p95 < %.0f ms%n", label, targetMs);
    long[] nanos = new long[o.iterations()];
    String[] groups = new String[o.iterations()];
    int errors = 0;
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < o.warmup() + o.iterations(); i++) {
      String json = body.of(i);
      HttpRequest request = HttpRequest.newBuilder(URI.create(api + QUERY_PATH)).timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build();
      long t0 = System.nanoTime();
      int status;
      String answer;
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        answer = response.body();
      } catch (IOException e) {
        status = -1;
        answer = e.toString();
      }
      long elapsed = System.nanoTime() - t0;
      Integer length = status == 200 ? arrayLength(answer, arrayKey) : null;
      if (i == 0) {
        System.out.printf("%s: first body %s%n", label, json);
        if (status != 200) {
          String why = status == 404 || status == 405
              ? " -- this server has no " + QUERY_PATH + " yet (the query endpoint is not built in this jar)"
              : "";
          System.out.printf("%s: FAILED: HTTP %d %s%s%n", label, status, abbreviate(answer), why);
          failures.add(label + ": POST " + QUERY_PATH + " answered HTTP " + status + why
              + "; the query was not timed");
          return new Latency(label, "NOT RUN: HTTP " + status + why);
        }
        if (length == null) {
          System.out.printf("%s: FAILED: no \"%s\" array in %s%n", label, arrayKey, abbreviate(answer));
          failures.add(label + ": the answer holds no \"" + arrayKey + "\" array: " + abbreviate(answer));
          return new Latency(label, "NOT RUN: no \"" + arrayKey + "\" array in the answer");
        }
        Matcher total = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)").matcher(answer);
        System.out.printf("%s: first answer: HTTP 200, %d %s%s, %.1f ms (untimed), %d bytes%n", label, length,
            arrayKey, total.find() ? " of totalItems " + total.group(1) : "", elapsed / 1e6, answer.length());
      } else if (status != 200 || length == null) {
        errors++;
        if (shown.size() < ERRORS_SHOWN) {
          shown.add("iteration " + i + ": HTTP " + status + " " + abbreviate(answer));
        }
      }
      if (i >= o.warmup()) {
        nanos[i - o.warmup()] = elapsed;
        groups[i - o.warmup()] = group.of(i);
      }
    }
    if (errors > 0) {
      failures.add(label + ": " + errors + " answers were not 200 with an \"" + arrayKey + "\" array, e.g. " + shown);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double p95 = pct(sorted, 95);
    String summary = String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f, p99 %.1f, max %.1f  (target p95 < %.0f ms:"
            + " %s)%s", pct(sorted, 50), p95, pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        targetMs, p95 < targetMs ? "met" : "NOT met", errors > 0 ? "; " + errors + " FAILED answers" : "");
    System.out.printf("%s: %d timed: %s%n", label, o.iterations(), summary);
    Map<String, List<Long>> byGroup = new HashMap<>();
    for (int i = 0; i < nanos.length; i++) {
      if (groups[i] != null) {
        byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(nanos[i]);
      }
    }
    if (!byGroup.isEmpty()) {
      StringBuilder s = new StringBuilder(label + " by type: ");
      for (String type : TYPES) {
        long[] of = byGroup.getOrDefault(type, List.of()).stream().mapToLong(Long::longValue).sorted().toArray();
        s.append(String.format(Locale.ROOT, "%s p50 %.1f p95 %.1f; ", type, pct(of, 50), pct(of, 95)));
      }
      System.out.println(s.substring(0, s.length() - 2));
    }
    return new Latency(label, summary);
  }

  /** Elements of the array under key at the top level of a JSON object, or null if none. */
  static Integer arrayLength(String json, String key) {
    int depth = 0;
    boolean inString = false;
    String pendingKey = null;
    int start = -1;
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
          if (depth == 1) {
            pendingKey = json.substring(start + 1, i);
          }
        }
        continue;
      }
      switch (ch) {
        case '"' -> {
          inString = true;
          start = i;
        }
        case '{', '[' -> {
          if (depth == 1 && ch == '[' && key.equals(pendingKey)) {
            return countElements(json, i);
          }
          depth++;
        }
        case '}', ']' -> depth--;
        case ',' -> pendingKey = null;
        default -> {
        }
      }
    }
    return null;
  }

  /** The number of elements of the array opening at json[open]. */
  private static Integer countElements(String json, int open) {
    int depth = 0;
    int count = 0;
    boolean inString = false;
    boolean any = false;
    for (int i = open; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
        continue;
      }
      if (ch == '"') {
        inString = true;
      }
      if (depth == 1 && !Character.isWhitespace(ch) && ch != ']' && ch != ',') {
        any = true;
      }
      if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
        if (depth == 0) {
          return any ? count + 1 : 0;
        }
      } else if (ch == ',' && depth == 1) {
        count++;
      }
    }
    return null; // not closed
  }

  // ---------------------------------------------------------------------------------------------
  // EXPLAIN.

  /**
   * Each statement of the file: lines up to one ending in ';'. Its first comment line names it.
   * :from and :to become timestamptz literals of the newest 24 hours of the data. Each runs once
   * before its EXPLAIN (ANALYZE, BUFFERS), so the plan shows a warm cache.
   */
  static void explain(Connection db, Range range, Path file, List<String> failures) throws IOException {
    System.out.println();
    if (!Files.exists(file)) {
      System.out.printf("EXPLAIN: no %s, nothing to explain%n", file);
      return;
    }
    Instant to = range.to();
    Instant from = to.minus(24, ChronoUnit.HOURS);
    System.out.printf("EXPLAIN (ANALYZE, BUFFERS) of %s, :from = %s, :to = %s (each statement run once before)%n",
        file, from, to);
    List<String[]> statements = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    String name = null;
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (name == null && trimmed.startsWith("--")) {
        name = trimmed.substring(2).strip();
      }
      sql.append(line).append('\n');
      if (trimmed.endsWith(";") && !trimmed.startsWith("--")) {
        String text = sql.toString().strip();
        statements.add(new String[] {name == null ? "statement " + (statements.size() + 1) : name,
            text.substring(0, text.length() - 1)});
        sql.setLength(0);
        name = null;
      }
    }
    if (!sql.toString().lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
      String text = sql.toString().strip();
      statements.add(new String[] {name == null ? "statement " + (statements.size() + 1) : name, text});
    }
    for (String[] statement : statements) {
      String text = statement[1].replaceAll("(?<!:):from\\b", "'" + from + "'::timestamptz")
          .replaceAll("(?<!:):to\\b", "'" + to + "'::timestamptz");
      System.out.println();
      System.out.println("-- " + statement[0]);
      try (var s = db.createStatement()) {
        s.execute(text);
        try (var rows = s.executeQuery("explain (analyze, buffers) " + text)) {
          while (rows.next()) {
            System.out.println(rows.getString(1));
          }
        }
      } catch (SQLException e) {
        System.out.println("FAILED: " + e.getMessage());
        failures.add("explain " + statement[0] + ": " + e.getMessage());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The database and the server.

  static void recreateDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", ""); var s = admin.createStatement()) {
      s.execute("drop database if exists " + DB_NAME + " with (force)");
      s.execute("create database " + DB_NAME);
    }
    System.out.printf("database %s dropped and created; the server migrates it%n", DB_NAME);
  }

  static void requireDatabase() {
    try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
      System.out.printf("database %s kept as it is (--load=false)%n", DB_NAME);
    } catch (SQLException e) {
      System.err.println("--load=false needs the database " + DB_NAME + " loaded by an earlier run: " + e.getMessage());
      System.exit(2);
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
  static void waitForReady(int port, Process server, Path log, int seconds) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited with " + server.exitValue() + "; see its log " + log);
      }
      // Payara Micro keeps running without the application when it fails to deploy it.
      if (Files.readString(log, StandardCharsets.ISO_8859_1).contains("Exception while loading the app")) {
        throw new IllegalStateException("the server failed to deploy the application; see its log " + log);
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
    if (!Files.exists(log)) {
      return "no log";
    }
    byte[] bytes = Files.readAllBytes(log);
    String text = new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
        StandardCharsets.ISO_8859_1);
    long severe = Pattern.compile("SEVERE").matcher(text).results().count();
    long warning = Pattern.compile("WARNING").matcher(text).results().count();
    return severe + " SEVERE, " + warning + " WARNING records after start  (" + log + ")";
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers.

  record Options(int traces, int events, int days, boolean load, int iterations, int warmup, Path jar,
      String serverHeap, Path explain, Path work) {

    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("options are --name=value, not " + arg);
        }
        String[] kv = arg.substring(2).split("=", 2);
        m.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
      Options o = new Options(positive(m, "traces", 1_000_000), positive(m, "events", 10_000_000),
          positive(m, "days", 7), Boolean.parseBoolean(oneOf(m, "load", "true", "false")),
          positive(m, "iterations", 200), number(m, "warmup", 20),
          Path.of(m.getOrDefault("jar", "payara-config/target/trace-server.jar")),
          m.getOrDefault("server-heap", "512m"),
          Path.of(m.getOrDefault("explain", "bench/analytics/explain.sql")),
          Path.of(m.getOrDefault("work", "bench/out/analytics")));
      m.keySet().removeAll(List.of("traces", "events", "days", "load", "iterations", "warmup", "jar",
          "server-heap", "explain", "work"));
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
        return Integer.parseInt(m.getOrDefault(name, String.valueOf(otherwise)).replace("_", ""));
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

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
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
