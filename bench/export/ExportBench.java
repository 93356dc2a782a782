import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Export benchmark, JDK and pgjdbc only: run with bench/export/run.sh.
 *
 * <p>LOAD: recreates the database, lets a trace-server.jar of its own migrate it, then loads
 * realistic traces and events straight into PostgreSQL with binary COPY (the generator of
 * bench/analytics). BASELINE: the events as PostgreSQL's {@code COPY ... TO STDOUT WITH CSV}
 * writes them, plain and through gzip level 1. EXPORT: {@code POST /api/v1/exports?mode=stream}
 * as CSV + gzip, Parquet (zstd) and NDJSON, one at a time, then CSV and Parquet at once, then one
 * export job, with the server heap capped (-Xmx256m) and sampled from /metrics.
 */
public class ExportBench {

  private static final String DB_NAME = "trace_export_bench";
  private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DB_NAME;
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String TENANT = "default";
  private static final String EXPORTS = "/api/v1/exports";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(30);
  private static final String[] TYPES =
      {"api_request", "module_operation", "background_task", "workflow_execution", "custom"};
  private static final String[] LEVELS = {"debug", "info", "warn", "error", "critical"};

  /** The columns of the server's events file, in its order (ExportRows.EVENT_COLUMNS). */
  static final String EVENT_COLUMNS_OUT =
      "e.id, e.trace_id, e.parent_id, e.type, e.level, e.message, e.data, e.occurred_at, e.duration_ms";
  /**
   * What the server's events cursor selects (ExportRows.EVENT_COLUMNS); a traces cursor in the same
   * order runs beside it.
   */
  static final String SERVER_COLUMNS =
      "e.id, e.trace_id, e.parent_id, e.type, e.level, e.message, e.data::text, e.occurred_at, e.duration_ms";

  /** The order of the server's events file: trace by trace in id order, each trace's events in time order. */
  static final String BY_ID = "t.id, e.occurred_at, e.seq";
  /** The order by start time, which PostgreSQL may sort in parallel for a COPY, but not for a cursor. */
  static final String BY_START = "t.started_at, t.id, e.occurred_at, e.seq";

  static final double CSV_TARGET = 0.50;
  static final double PARQUET_TARGET = 0.50;
  static final double SIZE_TARGET = 8;

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "; see bench/export/README.md");
      System.exit(2);
      return;
    }
    System.out.printf("machine: %d cores, java %s; server -Xmx%s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), o.serverHeap(), o.jar());
    System.out.printf("database %s; load %s", DB_NAME, o.load());
    if (o.load()) {
      System.out.printf(": %d traces, %d events over %d days", o.traces(), o.events(), o.days());
    }
    System.out.printf("; warm-up exports %s%n%n", o.warmup() ? "on (each export once untimed, its body checked)"
        : "OFF (--warmup=false: the timed exports run on a cold server)");

    List<String> failures = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    Path root = o.work().resolve("payara-root");
    Path log = o.work().resolve("server.log");
    Files.createDirectories(o.work());
    Load load = null;

    // LOAD: the server migrates the new database once, then the rows go in with COPY while it is down.
    if (o.load()) {
      recreateDatabase();
      Path migrateLog = o.work().resolve("server-migrate.log");
      int port = freePort();
      Process migrating = startServer(o, port, root, migrateLog);
      Thread kill = new Thread(migrating::destroy);
      Runtime.getRuntime().addShutdownHook(kill);
      try {
        long t0 = System.nanoTime();
        waitForReady(port, migrating, migrateLog, 180);
        System.out.printf(Locale.ROOT, "server ready in %.1f s: database migrated (log %s); stopping it for the load%n%n",
            secondsSince(t0), migrateLog);
      } finally {
        stop(migrating);
        Runtime.getRuntime().removeShutdownHook(kill);
      }
      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        load = load(o, db);
      }
    } else {
      requireDatabase();
    }

    Data data;
    try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
      data = Data.of(db, failures);
    }
    if (data.traces() == 0) {
      System.err.println("the database holds no traces: load it first (--load=true)");
      System.exit(1);
    }

    int port = freePort();
    Process server = startServer(o, port, root, log);
    Thread killServer = new Thread(server::destroy);
    Runtime.getRuntime().addShutdownHook(killServer); // Ctrl-C must not leave the server running
    HeapSampler heap = new HeapSampler(port);
    long logAtReady = 0;
    Baseline plain;
    Baseline gzip;
    Baseline plainByStart;
    Baseline gzipByStart;
    Baseline serial;
    Exported csv;
    Exported parquet;
    Exported ndjson;
    Rounds rounds;
    Concurrent both;
    Job job;
    try {
      long t0 = System.nanoTime();
      waitForReady(port, server, log, 180);
      System.out.printf(Locale.ROOT, "%nserver ready on port %d in %.1f s with -Xmx%s (log %s); heap sampled from"
          + " /metrics every 500 ms%n", port, secondsSince(t0), o.serverHeap(), log);
      logAtReady = Files.size(log);
      heap.start();

      try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
        explain(db, data);

        // BASELINE
        System.out.printf("%nBASELINE: COPY (SELECT %s FROM trace t JOIN event e ... ORDER BY ...) TO STDOUT WITH CSV,"
            + " pgjdbc CopyManager.copyOut into a byte counter; the postgres CPU misses parallel workers, which end"
            + " with their query. Two orders: the export's (%s) and by start (%s); each target is judged against"
            + " the faster%n", EVENT_COLUMNS_OUT, BY_ID, BY_START);
        Baseline warm = baseline(db, server, data, false, true, BY_ID, "warm-up (untimed)");
        plain = baseline(db, server, data, false, true, BY_ID, "(a) plain, by id");
        gzip = baseline(db, server, data, true, true, BY_ID, "(b) gzip level 1, by id");
        plainByStart = baseline(db, server, data, false, true, BY_START, "(a) plain, by start");
        gzipByStart = baseline(db, server, data, true, true, BY_START, "(b) gzip level 1, by start");
        // The server reads through a cursor, which PostgreSQL never runs in parallel; COPY may.
        serial = baseline(db, server, data, false, false, BY_ID, "(a) plain, by id, without parallel workers,"
            + " for reference");
        for (Baseline b : List.of(warm, plain, gzip, plainByStart, gzipByStart)) {
          if (b.rows() != data.events()) {
            failures.add("COPY (" + b.label() + ") wrote " + b.rows() + " rows, expected " + data.events() + " events");
          }
        }
      }

      // EXPORT, one at a time
      String api = "http://127.0.0.1:" + port;
      System.out.printf("%nEXPORT: POST %s?mode=stream, 1 client, %,d traces and %,d events (started %s .. %s);"
          + " rows/s count the events only, though the server writes the traces file too (%,d more rows)%n",
          EXPORTS, data.traces(), data.events(), data.from(), data.to(), data.traces());
      csv = export(o, api, server, heap, data, "csv+gzip", "csv", "gzip", failures);
      parquet = export(o, api, server, heap, data, "parquet zstd", "parquet", "zstd", failures);
      ndjson = export(o, api, server, heap, data, "ndjson", "ndjson", "none", failures);

      // Side by side: the machine's speed drifts, and not alike for PostgreSQL alone and for the
      // server with PostgreSQL, so each export is timed right after its baselines, round by round.
      rounds = rounds(o, api, server, data, failures);

      // Two at once
      both = concurrent(o, api, server, heap, data, csv, parquet, failures);

      // One job
      job = job(api, data, failures);
    } finally {
      heap.stop();
      stop(server);
      Runtime.getRuntime().removeShutdownHook(killServer);
      deleteRecursively(root);
    }

    String oom = outOfMemory(log);
    if (oom != null) {
      failures.add("the server ran out of memory: " + oom);
    }

    System.out.println();
    System.out.println("SUMMARY");
    if (load != null) {
      line("load", String.format(Locale.ROOT, "%,d traces + %,d events in %.1f s = %.0f rows/s; VACUUM (ANALYZE)"
          + " %.1f s more", load.traces(), load.events(), load.seconds(), (load.traces() + load.events())
          / load.seconds(), load.vacuumSeconds()));
    }
    line("data", String.format(Locale.ROOT, "%,d traces, %,d events, started %s .. %s", data.traces(), data.events(),
        data.from(), data.to()));
    line("baseline (a)", plain.summary());
    line("", plainByStart.summary());
    line("baseline (b)", gzip.summary());
    line("", gzipByStart.summary());
    line("(reference)", serial.summary());
    line("csv+gzip", csv.summary() + ratio(csv, faster(gzip, gzipByStart), CSV_TARGET));
    line("parquet zstd", parquet.summary() + ratio(parquet, faster(plain, plainByStart), PARQUET_TARGET));
    rounds.print();
    line("ndjson", ndjson.summary());
    if (ndjson.ok() && parquet.ok()) {
      double r = (double) ndjson.bytes() / parquet.bytes();
      line("ndjson/parquet", String.format(Locale.ROOT, "%.1f MB / %.1f MB = %.1f  (target >= %.0f: %s)",
          mb(ndjson.bytes()), mb(parquet.bytes()), r, SIZE_TARGET, r >= SIZE_TARGET ? "met" : "NOT met"));
    } else {
      line("ndjson/parquet", "NOT MEASURED: an export failed");
    }
    line("two at once", both.summary(o.serverHeap()));
    line("job", job.summary());
    line("server heap", heap.summary(o.serverHeap()) + (oom == null ? "; no OutOfMemoryError in the log"
        : "; OutOfMemoryError in the log"));
    line("server log", logSummary(log, logAtReady));
    System.out.println("(rows/s of the exports: events written per second; the traces file in the same zip or"
        + " stream, " + String.format(Locale.ROOT, "%,d", data.traces()) + " rows, is written too and is not"
        + " counted)");
    if (!failures.isEmpty()) {
      System.err.println();
      System.err.println("FAILED:");
      failures.forEach(f -> System.err.println("  " + f));
      System.exit(1);
    }
  }

  private static void line(String label, String text) {
    System.out.printf("%-16s%s%n", label, text);
  }

  private static String ratio(Exported export, Baseline baseline, double target) {
    if (!export.ok()) {
      return "";
    }
    double r = export.rate() / baseline.rate();
    return String.format(Locale.ROOT, "; / baseline %s = %.2f  (target >= %.2f: %s)", baseline.label(), r, target,
        r >= target ? "met" : "NOT met");
  }

  private static Baseline faster(Baseline a, Baseline b) {
    return a.rate() >= b.rate() ? a : b;
  }

  static double mb(long bytes) {
    return bytes / 1048576.0;
  }

  // ---------------------------------------------------------------------------------------------
  // The data in the database: what every export and the baselines cover.

  /** The traces of the tenant, the range the exports ask for, and how many rows fall in it. */
  record Data(Instant from, Instant to, long traces, long events) {
    static Data of(Connection db, List<String> failures) throws SQLException {
      Instant from;
      Instant to;
      try (var s = db.createStatement();
          var rows = s.executeQuery("select min(started_at), max(started_at) from trace where tenant_id = 'default'")) {
        rows.next();
        if (rows.getTimestamp(1) == null) {
          return new Data(Instant.EPOCH, Instant.EPOCH, 0, 0);
        }
        from = rows.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.MILLIS);
        to = rows.getTimestamp(2).toInstant().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
      }
      long traces = single(db, "select count(*) from trace t where t.tenant_id = 'default'" + range(from, to));
      long events = single(db, "select count(*) from trace t join event e on e.tenant_id = t.tenant_id"
          + " and e.trace_id = t.id where t.tenant_id = 'default'" + range(from, to));
      long inDefault = single(db, "select count(*) from event_default");
      System.out.printf("%nDATA: %,d traces and %,d events started %s .. %s; %,d events in event_default %s%n", traces,
          events, from, to, inDefault, inDefault == 0 ? "OK" : "FAILED");
      if (inDefault != 0) {
        failures.add(inDefault + " events in event_default: their day partitions were missing when loaded");
      }
      return new Data(from, to, traces, events);
    }

    /** The server's filter for startedFrom / startedTo, as SQL. */
    static String range(Instant from, Instant to) {
      return " and t.started_at >= '" + from + "'::timestamptz and t.started_at < '" + to + "'::timestamptz";
    }

    String where() {
      return " where t.tenant_id = 'default'" + range(from, to);
    }

    String filterJson() {
      return "{\"startedFrom\":\"" + from + "\",\"startedTo\":\"" + to + "\"}";
    }
  }

  private static long single(Connection db, String sql) throws SQLException {
    try (var s = db.createStatement(); var rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The plans of the baseline's query and of the server's events query. */
  static void explain(Connection db, Data data) throws SQLException {
    String order = " order by " + BY_ID;
    String join = " from trace t join event e on e.tenant_id = t.tenant_id and e.trace_id = t.id";
    String[][] queries = {
        {"baseline", "select " + EVENT_COLUMNS_OUT + join + data.where() + order},
        {"server's events file (cursor, fetch size 5000)", "select " + SERVER_COLUMNS + join + data.where() + order}};
    for (String[] q : queries) {
      System.out.printf("%nplan of the %s query (EXPLAIN, costs off):%n", q[0]);
      try (var s = db.createStatement(); var rows = s.executeQuery("explain (costs off) " + q[1])) {
        while (rows.next()) {
          System.out.println("  " + rows.getString(1));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // BASELINE: COPY TO STDOUT into a byte counter, plain or through gzip level 1.

  record Baseline(String label, long rows, long bytes, long bytesIn, double seconds, Cpu cpu) {
    double rate() {
      return rows / seconds;
    }

    String summary() {
      return String.format(Locale.ROOT, "%s: %,d rows in %.2f s = %,.0f rows/s, %.1f MB%s; cpu %s", label, rows,
          seconds, rate(), mb(bytes), bytesIn != bytes ? String.format(Locale.ROOT, " (of %.1f MB CSV)", mb(bytesIn))
              : "", cpu.summary(seconds));
    }
  }

  static Baseline baseline(Connection db, Process server, Data data, boolean gzip, boolean parallel, String order,
      String label) throws Exception {
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute(parallel ? "reset max_parallel_workers_per_gather" : "set max_parallel_workers_per_gather = 0");
    }
    String sql = "COPY (SELECT " + EVENT_COLUMNS_OUT + " FROM trace t JOIN event e ON e.tenant_id = t.tenant_id"
        + " AND e.trace_id = t.id" + data.where().replace(" where ", " WHERE ")
        + " ORDER BY " + order + ") TO STDOUT WITH CSV";
    CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
    Counting sink = new Counting(OutputStream.nullOutputStream());
    Counting csv;
    OutputStream target;
    if (gzip) {
      // The server deflates what Jackson hands it in buffered blocks; so does this, at the same level.
      GZIPOutputStream zip = new GZIPOutputStream(sink, 64 * 1024) {
        {
          def.setLevel(1);
        }
      };
      csv = new Counting(zip);
      target = new BufferedOutputStream(csv, 64 * 1024);
    } else {
      csv = sink;
      target = sink;
    }
    Cpu before = Cpu.now(server, db);
    long t0 = System.nanoTime();
    long rows = copy.copyOut(sql, target);
    target.close();
    double seconds = secondsSince(t0);
    Baseline b = new Baseline(label, rows, sink.count, csv.count, seconds, Cpu.now(server, db).since(before));
    try (Statement s = db.createStatement()) {
      s.execute("reset max_parallel_workers_per_gather");
    }
    System.out.println("  " + b.summary());
    return b;
  }

  // ---------------------------------------------------------------------------------------------
  // ROUNDS: each export timed right after the COPY baselines it is judged against.

  /**
   * Per round, the export's rate over the faster of its baselines in that round; for CSV also
   * over COPY piped through the gzip program at the same level, as a shell would run it.
   */
  record Rounds(List<Double> csv, List<Double> csvAgainstPipe, List<Double> parquet) {
    void print() {
      line("rounds csv", ratios(csv, CSV_TARGET));
      line("", "against psql COPY | gzip -1: " + ratios(csvAgainstPipe, CSV_TARGET));
      line("rounds parquet", ratios(parquet, PARQUET_TARGET));
    }

    private static String ratios(List<Double> ratios, double target) {
      if (ratios.isEmpty()) {
        return "NOT MEASURED";
      }
      List<Double> sorted = ratios.stream().sorted().toList();
      double median = sorted.get(sorted.size() / 2);
      return String.format(Locale.ROOT, "export / faster baseline of the same round: %s; median %.2f, lowest %.2f"
              + "  (target >= %.2f: %s)", ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(),
          median, sorted.get(0), target, median >= target ? "met" : "NOT met");
    }
  }

  static Rounds rounds(Options o, String api, Process server, Data data, List<String> failures) throws Exception {
    System.out.printf("%nROUNDS: %d, each: COPY with gzip by id and by start, csv+gzip; COPY plain by id and by"
        + " start, parquet zstd (every step timed on its own, one after the other)%n", o.rounds());
    List<Double> csv = new ArrayList<>();
    List<Double> csvAgainstPipe = new ArrayList<>();
    List<Double> parquet = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
      for (int round = 1; round <= o.rounds(); round++) {
        Baseline gzipById = quietBaseline(db, server, data, true, BY_ID);
        Baseline gzipByStart = quietBaseline(db, server, data, true, BY_START);
        double pipe = pipedThroughGzip(data);
        Transfer csvExport = post(api, "csv+gzip round " + round, body(data, "csv", "gzip"), null);
        Baseline plainById = quietBaseline(db, server, data, false, BY_ID);
        Baseline plainByStart = quietBaseline(db, server, data, false, BY_START);
        Transfer parquetExport = post(api, "parquet round " + round, body(data, "parquet", "zstd"), null);
        if (!csvExport.ok() || !parquetExport.ok()) {
          failures.add("round " + round + ": an export failed");
          continue;
        }
        double csvRatio = data.events() / csvExport.seconds() / faster(gzipById, gzipByStart).rate();
        double parquetRatio = data.events() / parquetExport.seconds() / faster(plainById, plainByStart).rate();
        csv.add(csvRatio);
        csvAgainstPipe.add(pipe / csvExport.seconds());
        parquet.add(parquetRatio);
        System.out.printf(Locale.ROOT, "  round %d: COPY gzip %.2f s (by id) / %.2f s (by start) / psql | gzip -1"
                + " %.2f s, csv+gzip %.2f s: %.2f (%.2f against the pipe); COPY plain %.2f s / %.2f s, parquet"
                + " %.2f s: %.2f%n", round, gzipById.seconds(), gzipByStart.seconds(), pipe, csvExport.seconds(),
            csvRatio, pipe / csvExport.seconds(), plainById.seconds(), plainByStart.seconds(),
            parquetExport.seconds(), parquetRatio);
      }
    }
    return new Rounds(csv, csvAgainstPipe, parquet);
  }

  /** Seconds for {@code psql -c "COPY (...) TO STDOUT WITH CSV" | gzip -1 > /dev/null}, in the export's order. */
  static double pipedThroughGzip(Data data) throws Exception {
    String copy = "COPY (SELECT " + EVENT_COLUMNS_OUT + " FROM trace t JOIN event e ON e.tenant_id = t.tenant_id"
        + " AND e.trace_id = t.id" + data.where().replace(" where ", " WHERE ") + " ORDER BY " + BY_ID
        + ") TO STDOUT WITH CSV";
    ProcessBuilder shell = new ProcessBuilder("bash", "-c",
        "set -o pipefail; psql -X -q -h 127.0.0.1 -U postgres -d " + DB_NAME + " -c \"$COPY\" | gzip -1 > /dev/null");
    shell.environment().put("COPY", copy);
    shell.redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = shell.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql | gzip -1 failed: " + output);
    }
    return secondsSince(t0);
  }

  private static Baseline quietBaseline(Connection db, Process server, Data data, boolean gzip, String order)
      throws Exception {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return baseline(db, server, data, gzip, true, order, order);
    } finally {
      System.setOut(out);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // EXPORT over HTTP.

  /** A streamed export: the answer, the body's size and time from the request to its last byte. */
  record Transfer(String label, int status, long bytes, double seconds, double firstByte, String contentType,
      String contentEncoding, String error, String check) {
    boolean ok() {
      return status == 200 && error == null;
    }
  }

  record Exported(String label, Transfer timed, long events, Cpu cpu, double gcSeconds, long heapMax) {
    boolean ok() {
      return timed != null && timed.ok();
    }

    long bytes() {
      return timed.bytes();
    }

    double rate() {
      return events / timed.seconds();
    }

    String summary() {
      if (!ok()) {
        return "FAILED: " + (timed == null ? "not run" : "HTTP " + timed.status() + " " + timed.error());
      }
      return String.format(Locale.ROOT, "%,d events in %.2f s = %,.0f events/s, %.1f MB, first byte %.0f ms;"
              + " cpu %s; GC %.1f s; heap max %d MB", events, timed.seconds(), rate(), mb(timed.bytes()),
          timed.firstByte() * 1000, cpu.summary(timed.seconds()), gcSeconds, heapMax >> 20);
    }
  }

  static String body(Data data, String format, String compression) {
    return "{\"filter\":" + data.filterJson() + ",\"format\":\"" + format + "\",\"compression\":\"" + compression
        + "\",\"includeEvents\":true}";
  }

  static Exported export(Options o, String api, Process server, HeapSampler heap, Data data, String label,
      String format, String compression, List<String> failures) throws Exception {
    String json = body(data, format, compression);
    System.out.printf("%n%s: %s%n", label, json);
    Check check = switch (format) {
      case "csv" -> in -> checkZip(in, data, ".csv");
      case "parquet" -> in -> checkZip(in, data, ".parquet");
      default -> in -> checkLines(in, data);
    };
    Transfer warm = null;
    if (o.warmup()) {
      warm = post(api, label + " warm-up", json, check);
      System.out.printf(Locale.ROOT, "  warm-up (untimed, body checked while read): HTTP %d, %s, %.1f MB in %.2f s%s%n",
          warm.status(), describe(warm), mb(warm.bytes()), warm.seconds(),
          warm.check() == null ? "" : "; " + warm.check());
      if (!warm.ok()) {
        failures.add(label + " warm-up: HTTP " + warm.status() + " " + warm.error());
        return new Exported(label, warm, data.events(), Cpu.ZERO, 0, 0);
      }
    }
    heap.window();
    double gc0 = heap.gcSeconds();
    Cpu before;
    try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
      before = Cpu.now(server, db);
      Transfer timed = post(api, label, json, warm == null ? check : null);
      Cpu cpu = Cpu.now(server, db).since(before);
      double gc = heap.gcSeconds() - gc0;
      Exported e = new Exported(label, timed, data.events(), cpu, gc, heap.windowMax());
      System.out.printf("  timed: HTTP %d, %s; %s%n", timed.status(), describe(timed), e.summary());
      if (!timed.ok()) {
        failures.add(label + ": HTTP " + timed.status() + " " + timed.error());
      } else if (warm != null && warm.bytes() != timed.bytes()) {
        failures.add(label + ": the timed body has " + timed.bytes() + " bytes, the warm-up's " + warm.bytes());
      }
      return e;
    }
  }

  private static String describe(Transfer t) {
    return t.contentType() + (t.contentEncoding() == null ? "" : ", Content-Encoding: " + t.contentEncoding());
  }

  @FunctionalInterface
  interface Check {
    /** Reads the body (not necessarily to its end) and says what it found; throws if it is wrong. */
    String read(InputStream body) throws IOException;
  }

  /**
   * Sends one streamed export and reads its body to the end: counted and dropped, or read by a
   * check first. A 200 whose body breaks off (the server failed after the first byte) is an error.
   */
  static Transfer post(String api, String label, String json, Check check) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + EXPORTS + "?mode=stream")).timeout(EXPORT_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    long t0 = System.nanoTime();
    int status = -1;
    double firstByte = 0;
    String type = null;
    String encoding = null;
    CountingInput body = null;
    try {
      HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      firstByte = secondsSince(t0);
      status = response.statusCode();
      type = response.headers().firstValue("Content-Type").orElse(null);
      encoding = response.headers().firstValue("Content-Encoding").orElse(null);
      body = new CountingInput(response.body());
      String found = null;
      try (InputStream in = body) {
        if (status == 200 && check != null) {
          found = check.read(in);
        }
        in.transferTo(OutputStream.nullOutputStream());
      }
      double seconds = secondsSince(t0);
      if (status != 200) {
        return new Transfer(label, status, body.count, seconds, firstByte, type, encoding, "(body " + body.count
            + " bytes)", null);
      }
      return new Transfer(label, status, body.count, seconds, firstByte, type, encoding, null, found);
    } catch (IOException | RuntimeException e) {
      return new Transfer(label, status, body == null ? 0 : body.count, secondsSince(t0), firstByte, type, encoding,
          e.toString(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Transfer(label, status, 0, secondsSince(t0), firstByte, type, encoding, e.toString(), null);
    }
  }

  /** The zip of traces and events: both entries there, with one row per trace and per event. */
  static String checkZip(InputStream body, Data data, String extension) throws IOException {
    ZipInputStream zip = new ZipInputStream(body);
    Map<String, String> found = new LinkedHashMap<>();
    Map<String, Long> rows = new HashMap<>();
    byte[] buffer = new byte[64 * 1024];
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      long size = 0;
      long lines = 0;
      Tail tail = extension.equals(".parquet") ? new Tail(16 << 20) : null;
      byte[] head = new byte[4];
      for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (size + i < 4) {
            head[(int) (size + i)] = buffer[i];
          }
          if (tail == null && buffer[i] == '\n') {
            lines++;
          }
        }
        if (tail != null) {
          tail.write(buffer, n);
        }
        size += n;
      }
      if (tail != null) {
        if (!new String(head, StandardCharsets.ISO_8859_1).equals("PAR1")) {
          throw new IOException(entry.getName() + " does not start with PAR1");
        }
        long numRows = parquetRows(tail, entry.getName());
        rows.put(entry.getName(), numRows);
        found.put(entry.getName(), String.format(Locale.ROOT, "%.1f MB, %,d rows", mb(size), numRows));
      } else {
        rows.put(entry.getName(), lines - 1); // less the header
        found.put(entry.getName(), String.format(Locale.ROOT, "%.1f MB, %,d lines", mb(size), lines));
      }
    }
    String traces = "traces" + extension;
    String events = "events" + extension;
    if (!found.keySet().equals(new java.util.LinkedHashSet<>(List.of(traces, events)))) {
      throw new IOException("zip entries " + found.keySet() + ", expected [" + traces + ", " + events + "]");
    }
    if (rows.get(traces) != data.traces() || rows.get(events) != data.events()) {
      throw new IOException("rows " + rows + ", expected " + data.traces() + " traces and " + data.events()
          + " events; " + found);
    }
    return "zip " + found + " OK";
  }

  /** NDJSON: one line per trace and per event. */
  static String checkLines(InputStream body, Data data) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long lines = 0;
    byte last = '\n';
    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
      if (n > 0) {
        last = buffer[n - 1];
      }
    }
    if (last != '\n') {
      lines++;
    }
    if (lines != data.traces() + data.events()) {
      throw new IOException(lines + " lines, expected " + data.traces() + " traces + " + data.events() + " events");
    }
    return String.format(Locale.ROOT, "%,d lines = traces + events OK", lines);
  }

  /** The last bytes of a stream. */
  static final class Tail {
    private final byte[] ring;
    private long written;

    Tail(int capacity) {
      ring = new byte[capacity];
    }

    void write(byte[] bytes, int length) {
      for (int off = Math.max(0, length - ring.length); off < length; ) {
        int at = (int) (written % ring.length);
        int n = Math.min(length - off, ring.length - at);
        System.arraycopy(bytes, off, ring, at, n);
        off += n;
        written += n;
      }
    }

    byte[] last(int n) throws IOException {
      if (n > ring.length || n > written) {
        throw new IOException("the last " + n + " bytes are not kept");
      }
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = ring[(int) ((written - n + i) % ring.length)];
      }
      return out;
    }
  }

  /**
   * num_rows of a Parquet file's footer: the FileMetaData struct (Thrift compact protocol) before
   * its 4-byte little-endian length and the closing PAR1. Field 3 of it is num_rows.
   */
  static long parquetRows(Tail tail, String name) throws IOException {
    byte[] end = tail.last(8);
    if (!new String(end, 4, 4, StandardCharsets.ISO_8859_1).equals("PAR1")) {
      throw new IOException(name + " does not end with PAR1");
    }
    int length = (end[0] & 0xFF) | (end[1] & 0xFF) << 8 | (end[2] & 0xFF) << 16 | (end[3] & 0xFF) << 24;
    byte[] footer = tail.last(length + 8);
    Thrift in = new Thrift(footer);
    int id = 0;
    while (true) {
      int header = in.u8();
      if (header == 0) {
        throw new IOException(name + ": no num_rows in the footer");
      }
      int type = header & 0x0F;
      int delta = header >>> 4;
      id = delta == 0 ? (int) in.zigzag() : id + delta;
      if (id == 3 && type == 6) {
        return in.zigzag();
      }
      in.skip(type);
    }
  }

  /** Just enough of Thrift's compact protocol to walk over fields. */
  static final class Thrift {
    private final byte[] b;
    private int p;

    Thrift(byte[] b) {
      this.b = b;
    }

    int u8() {
      return b[p++] & 0xFF;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        int x = u8();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    void skip(int type) throws IOException {
      switch (type) {
        case 1, 2 -> { } // a boolean field holds its value in its type
        case 3 -> p++;
        case 4, 5, 6 -> varint();
        case 7 -> p += 8;
        case 8 -> {
          int length = (int) varint(); // before p is read: p += varint() would lose the varint's bytes
          p += length;
        }
        case 9, 10 -> {
          int header = u8();
          long size = header >>> 4 == 15 ? varint() : header >>> 4;
          int element = header & 0x0F;
          for (long i = 0; i < size; i++) {
            if (element == 1 || element == 2) {
              p++; // booleans in a list take a byte each
            } else {
              skip(element);
            }
          }
        }
        case 11 -> {
          long size = varint();
          if (size > 0) {
            int types = u8();
            for (long i = 0; i < size; i++) {
              skip(types >>> 4);
              skip(types & 0x0F);
            }
          }
        }
        case 12 -> {
          int id = 0;
          for (int header = u8(); header != 0; header = u8()) {
            int delta = header >>> 4;
            id = delta == 0 ? (int) zigzag() : id + delta;
            skip(header & 0x0F);
          }
        }
        default -> throw new IOException("unknown Thrift type " + type);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Two exports at once.

  record Concurrent(Transfer csv, Transfer parquet, double seconds, long heapMax, Cpu cpu, double gcSeconds) {
    boolean ok() {
      return csv.ok() && parquet.ok();
    }

    String summary(String serverHeap) {
      return String.format(Locale.ROOT, "csv+gzip %s, parquet %s; both in %.2f s; max used heap meanwhile %d MB"
              + " (-Xmx%s); GC %.1f s; cpu %s", one(csv), one(parquet), seconds, heapMax >> 20, serverHeap, gcSeconds,
          cpu.summary(seconds));
    }

    private static String one(Transfer t) {
      return t.ok() ? String.format(Locale.ROOT, "HTTP 200 %.1f MB in %.2f s", mb(t.bytes()), t.seconds())
          : "FAILED (HTTP " + t.status() + " " + t.error() + ")";
    }
  }

  static Concurrent concurrent(Options o, String api, Process server, HeapSampler heap, Data data, Exported csv,
      Exported parquet, List<String> failures) throws Exception {
    System.out.printf("%nTWO AT ONCE: csv+gzip and parquet zstd started together, each on its own thread%n");
    heap.window();
    double gc0 = heap.gcSeconds();
    try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
      Cpu before = Cpu.now(server, db);
      long t0 = System.nanoTime();
      CompletableFuture<Transfer> a = CompletableFuture.supplyAsync(
          () -> post(api, "csv+gzip", body(data, "csv", "gzip"), null));
      CompletableFuture<Transfer> b = CompletableFuture.supplyAsync(
          () -> post(api, "parquet zstd", body(data, "parquet", "zstd"), null));
      Transfer ta = a.get();
      Transfer tb = b.get();
      double seconds = secondsSince(t0);
      Concurrent c = new Concurrent(ta, tb, seconds, heap.windowMax(), Cpu.now(server, db).since(before),
          heap.gcSeconds() - gc0);
      System.out.println("  " + c.summary(o.serverHeap()));
      for (Transfer[] pair : new Transfer[][] {{ta, csv.timed()}, {tb, parquet.timed()}}) {
        Transfer t = pair[0];
        if (!t.ok()) {
          failures.add("two at once, " + t.label() + ": HTTP " + t.status() + " " + t.error());
        } else if (pair[1] != null && pair[1].ok() && pair[1].bytes() != t.bytes()) {
          failures.add("two at once, " + t.label() + ": body of " + t.bytes() + " bytes, alone " + pair[1].bytes());
        }
      }
      return c;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One export job.

  record Job(boolean ok, String summary) {}

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

  static long jsonNumber(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.Ee+-]+)").matcher(json);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  static double jsonDouble(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.Ee+-]+)").matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  static Job job(String api, Data data, List<String> failures) throws Exception {
    String json = body(data, "parquet", "zstd");
    System.out.printf("%nJOB: POST %s %s, then GET every 200 ms until done%n", EXPORTS, json);
    long t0 = System.nanoTime();
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(api + EXPORTS))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    String location = created.headers().firstValue("Location").orElse(null);
    if (created.statusCode() != 202 || location == null) {
      String why = "POST answered HTTP " + created.statusCode() + " (Location " + location + ") " + created.body();
      failures.add("job: " + why);
      return new Job(false, "FAILED: " + why);
    }
    URI job = URI.create(api + EXPORTS + "/").resolve(location);
    List<Long> percents = new ArrayList<>();
    String last = created.body();
    String status = matchStatus(last);
    long deadline = System.nanoTime() + EXPORT_TIMEOUT.toNanos();
    while (!List.of("done", "failed", "cancelled").contains(status) && System.nanoTime() < deadline) {
      long percent = Math.round(jsonDouble(last, "percent"));
      if (percents.isEmpty() || percents.get(percents.size() - 1) != percent) {
        percents.add(percent);
      }
      Thread.sleep(200);
      HttpResponse<String> got = HTTP.send(HttpRequest.newBuilder(job).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (got.statusCode() != 200) {
        failures.add("job: GET " + job + " answered HTTP " + got.statusCode() + " " + got.body());
        return new Job(false, "FAILED: GET answered HTTP " + got.statusCode());
      }
      last = got.body();
      status = matchStatus(last);
    }
    double seconds = secondsSince(t0);
    long percent = Math.round(jsonDouble(last, "percent"));
    if (percents.isEmpty() || percents.get(percents.size() - 1) != percent) {
      percents.add(percent);
    }
    String progression = String.join(" -> ", percents.stream().map(String::valueOf).toList());
    long written = jsonNumber(last, "rowsWritten");
    long total = jsonNumber(last, "rowsTotal");
    long bytesWritten = jsonNumber(last, "bytesWritten");
    long expected = data.traces() + data.events();
    System.out.printf(Locale.ROOT, "  status %s after %.2f s; percent %s; rowsWritten %,d, rowsTotal %,d, expected %,d"
        + " (traces + events); bytesWritten %,d%n", status, seconds, progression, written, total, expected, bytesWritten);
    if (!status.equals("done")) {
      failures.add("job: ended " + status + ": " + last);
      return new Job(false, "FAILED: " + status + " " + last);
    }
    boolean rowsOk = written == total && total == expected;
    if (!rowsOk) {
      failures.add("job: rowsWritten " + written + ", rowsTotal " + total + ", expected " + expected);
    }
    Transfer file = get(job.toString() + "/file", in -> checkZip(in, data, ".parquet"));
    System.out.printf(Locale.ROOT, "  GET .../file: HTTP %d, %.1f MB in %.2f s; %s%n", file.status(), mb(file.bytes()),
        file.seconds(), file.ok() ? file.check() : file.error());
    if (!file.ok()) {
      failures.add("job: GET file: HTTP " + file.status() + " " + file.error());
    } else if (file.bytes() != bytesWritten) {
      failures.add("job: file of " + file.bytes() + " bytes, bytesWritten " + bytesWritten);
    }
    HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(job).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.printf("  DELETE: HTTP %d%n", deleted.statusCode());
    if (deleted.statusCode() != 204) {
      failures.add("job: DELETE answered HTTP " + deleted.statusCode() + " " + deleted.body());
    }
    boolean ok = rowsOk && file.ok() && file.bytes() == bytesWritten && deleted.statusCode() == 204;
    return new Job(ok, String.format(Locale.ROOT, "parquet zstd done in %.2f s (%,.0f events/s); percent %s;"
            + " rowsWritten %,d %s rowsTotal %,d %s traces + events %,d  %s; file %.1f MB (%s)", seconds,
        data.events() / seconds, progression, written, written == total ? "=" : "!=", total,
        total == expected ? "=" : "!=", expected, rowsOk ? "OK" : "FAILED", mb(file.bytes()),
        file.ok() && file.bytes() == bytesWritten ? "checked, = bytesWritten" : "FAILED"));
  }

  private static String matchStatus(String json) {
    Matcher m = STATUS.matcher(json);
    return m.find() ? m.group(1) : "?";
  }

  static Transfer get(String url, Check check) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(EXPORT_TIMEOUT)
          .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      double firstByte = secondsSince(t0);
      CountingInput body = new CountingInput(response.body());
      String found = null;
      String error = null;
      try (InputStream in = body) {
        if (response.statusCode() == 200) {
          try {
            found = check.read(in);
          } catch (IOException e) {
            error = e.getMessage();
          }
        }
        in.transferTo(OutputStream.nullOutputStream());
      }
      return new Transfer(url, response.statusCode(), body.count, secondsSince(t0), firstByte,
          response.headers().firstValue("Content-Type").orElse(null), null,
          response.statusCode() == 200 ? error : "not 200", found);
    } catch (IOException | InterruptedException e) {
      return new Transfer(url, -1, 0, secondsSince(t0), 0, null, null, e.toString(), null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Measuring: bytes, CPU, heap.

  static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }
  }

  static final class CountingInput extends FilterInputStream {
    volatile long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int n = in.read(bytes, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /**
   * CPU seconds used so far by the server, by PostgreSQL and by this program, as the operating
   * system reports them (/proc). PostgreSQL is the backends of the bench database and the shared
   * background processes; a process that ended meanwhile (a parallel worker, say) is missed.
   */
  record Cpu(double server, double postgres, double self, Map<Long, Double> byPostgresProcess) {
    static final Cpu ZERO = new Cpu(0, 0, 0, Map.of());

    static Cpu now(Process server, Connection db) throws SQLException {
      Map<Long, Double> postgres = new HashMap<>();
      try (var query = db.createStatement(); var rows = query.executeQuery(
          "select pid from pg_stat_activity where datname = current_database() or backend_type <> 'client backend'")) {
        while (rows.next()) {
          ProcessHandle.of(rows.getLong(1)).ifPresent(p -> postgres.put(p.pid(), seconds(p)));
        }
      }
      return new Cpu(seconds(server.toHandle()), 0, seconds(ProcessHandle.current()), postgres);
    }

    Cpu since(Cpu then) {
      double postgres = byPostgresProcess.entrySet().stream()
          .mapToDouble(e -> e.getValue() - then.byPostgresProcess.getOrDefault(e.getKey(), 0.0)).sum();
      return new Cpu(server - then.server, postgres, self - then.self, Map.of());
    }

    String summary(double wall) {
      return String.format(Locale.ROOT, "server %.1f s, postgres %.1f s, bench %.1f s over %.1f s wall", server,
          postgres, self, wall);
    }

    private static double seconds(ProcessHandle process) {
      return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }
  }

  /** Samples the server's used heap from /metrics every 500 ms: the largest overall and in a window. */
  static final class HeapSampler {
    private final int port;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "heap-sampler");
      thread.setDaemon(true);
      return thread;
    });
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong windowMax = new AtomicLong();
    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger missed = new AtomicInteger();

    HeapSampler(int port) {
      this.port = port;
    }

    void start() {
      timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    void stop() {
      timer.shutdownNow();
    }

    /** Starts a new window: windowMax() is the largest sample from now on. */
    void window() {
      windowMax.set(0);
    }

    long windowMax() {
      sample(); // one more at the end, so that a short phase has at least one
      return windowMax.get();
    }

    double gcSeconds() {
      return metricsOrEmpty().getOrDefault("gc_time_seconds_total", 0.0);
    }

    private synchronized void sample() {
      Map<String, Double> metrics = metricsOrEmpty();
      Double used = metrics.get("memory_usedHeap_bytes");
      if (used == null) {
        missed.incrementAndGet();
        return;
      }
      samples.incrementAndGet();
      maxUsed.accumulateAndGet(used.longValue(), Math::max);
      windowMax.accumulateAndGet(used.longValue(), Math::max);
      maxHeap.set(metrics.getOrDefault("memory_maxHeap_bytes", 0.0).longValue());
    }

    String summary(String serverHeap) {
      return String.format(Locale.ROOT, "max used %d MB of max heap %d MB (-Xmx%s) over the whole run (%d samples"
          + " every 500 ms%s)", maxUsed.get() >> 20, maxHeap.get() >> 20, serverHeap, samples.get(),
          missed.get() > 0 ? ", " + missed.get() + " missed" : "");
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
    // Job files go under the root too, not to the shared temporary directory.
    List<String> command = List.of(java(), "-Xmx" + o.serverHeap(),
        "-Dtrace.export.directory=" + root.resolve("exports").toAbsolutePath(), "-jar", o.jar().toString(),
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

  /** The first line of the log that tells of an OutOfMemoryError, or null. */
  static String outOfMemory(Path log) throws IOException {
    if (!Files.exists(log)) {
      return null;
    }
    for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
      if (line.contains("OutOfMemoryError")) {
        return line.strip();
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers.

  record Options(int traces, int events, int days, boolean load, boolean warmup, Path jar, String serverHeap,
      Path work, int rounds) {

    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("options are --name=value, not " + arg);
        }
        String[] kv = arg.substring(2).split("=", 2);
        m.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
      Options o = new Options(positive(m, "traces", 100_000), positive(m, "events", 1_000_000),
          positive(m, "days", 7), Boolean.parseBoolean(oneOf(m, "load", "true", "false")),
          Boolean.parseBoolean(oneOf(m, "warmup", "true", "false")),
          Path.of(m.getOrDefault("jar", "payara-config/target/trace-server.jar")),
          m.getOrDefault("server-heap", "256m"),
          Path.of(m.getOrDefault("work", "bench/out/export")), positive(m, "rounds", 3));
      m.keySet().removeAll(List.of("traces", "events", "days", "load", "warmup", "jar", "server-heap", "work",
          "rounds"));
      if (!m.isEmpty()) {
        throw new IllegalArgumentException("unknown option(s): " + m.keySet());
      }
      return o;
    }

    private static int positive(Map<String, String> m, String name, int otherwise) {
      int value;
      try {
        value = Integer.parseInt(m.getOrDefault(name, String.valueOf(otherwise)).replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a whole number, not " + m.get(name));
      }
      if (value <= 0) {
        throw new IllegalArgumentException("--" + name + " must be positive");
      }
      return value;
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

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
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
