package dev.tracemodule.infrastructure.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemodule.domain.export.ExportCompression;
import dev.tracemodule.domain.export.ExportFormat;
import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.export.TraceExporter;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.NewTrace;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.domain.trace.TraceType;
import dev.tracemodule.infrastructure.persistence.JpaEventRepository;
import dev.tracemodule.infrastructure.persistence.JpaTraceRepository;
import dev.tracemodule.infrastructure.persistence.PersistenceMapperImpl;
import dev.tracemodule.infrastructure.query.SqlTraceQueries;
import dev.tracemodule.infrastructure.testing.TestPersistence;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each format written from PostgreSQL and read back by a reader that shares no code with the
 * writer (Commons CSV, DuckDB for Parquet, a JSON tree), value by value.
 */
class StreamingTraceExporterTest {

  private static final Instant T0 = Instant.parse("2026-06-01T09:00:00.123456Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestPersistence persistence;

  private final TenantId tenant = new TenantId("t-" + UUID.randomUUID().toString().substring(0, 8));
  private Trace checkout;
  private Trace running;
  private Event formula;
  private Event child;

  @BeforeAll
  static void startDatabase() throws Exception {
    persistence = TestPersistence.start("export");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (persistence != null) {
      persistence.close();
    }
  }

  @BeforeEach
  void traces() {
    checkout = trace("cart-1", "Checkout \"quoted\", with comma", T0, Map.of("region", "eu", "n", 3), List.of("eu", "beta"));
    running = trace("cart-2", "-1 refund", T0.plusSeconds(5), Map.of(), List.of());
    formula = checkout.recordEvent(EventId.next(CLOCK),
        new NewEvent(null, "payment", EventLevel.ERROR, "=HYPERLINK(\"http://x\")",
            JsonMap.of(Map.of("amount", 12.5, "ok", false), "data"), T0.plusMillis(10), 3.25, null),
        Optional.empty(), T0);
    child = checkout.recordEvent(EventId.next(CLOCK),
        new NewEvent(null, "db.query", EventLevel.DEBUG, "Grüße\nzweite Zeile", null, T0.plusMillis(20), null, formula.id()),
        Optional.of(formula), T0);
    inTransaction(em -> {
      JpaTraceRepository repository = new JpaTraceRepository(em, new PersistenceMapperImpl());
      repository.store(checkout);
      repository.store(running);
      new JpaEventRepository(em, new PersistenceMapperImpl()).addAll(List.of(formula, child));
      return null;
    });
    inTransaction(em -> {
      JpaTraceRepository repository = new JpaTraceRepository(em, new PersistenceMapperImpl());
      Trace stored = repository.lock(tenant, checkout.id(), TraceRepository.Lock.EXCLUSIVE).orElseThrow();
      stored.fail("card declined", T0.plusMillis(250));
      repository.store(stored);
      return null;
    });
  }

  @Test
  void csvReadsBackWithCommonsCsvValueByValueAndNeutralisesFormulas() throws Exception {
    Map<String, byte[]> files = unzip(export(spec(ExportFormat.CSV, ExportCompression.NONE, true, false)));
    assertThat(files).containsOnlyKeys("traces.csv", "events.csv");

    List<CSVRecord> traces = csv(files.get("traces.csv"));
    assertThat(traces).hasSize(2);
    CSVRecord first = traces.get(0);
    assertThat(first.get("trace_id")).isEqualTo(checkout.id().value().toString());
    assertThat(first.get("name")).isEqualTo("Checkout \"quoted\", with comma");
    assertThat(first.get("status")).isEqualTo("failed");
    assertThat(first.get("started_at")).isEqualTo("2026-06-01T09:00:00.123456Z");
    assertThat(first.get("completed_at")).isEqualTo("2026-06-01T09:00:00.373456Z");
    assertThat(Double.parseDouble(first.get("duration_ms"))).isEqualTo(250.0);
    assertThat(first.get("failure_reason")).isEqualTo("card declined");
    assertThat(JSON.readTree(first.get("tags"))).isEqualTo(JSON.readTree("[\"eu\",\"beta\"]"));
    assertThat(JSON.readTree(first.get("metadata"))).isEqualTo(JSON.readTree("{\"region\":\"eu\",\"n\":3}"));
    assertThat(first.get("error_events")).isEqualTo("1");
    assertThat(first.get("execution_id")).isEqualTo("exec-cart-1");
    assertThat(first.get("description")).isEmpty();
    CSVRecord second = traces.get(1);
    assertThat(second.get("name")).as("a formula-looking cell is neutralised").isEqualTo("'-1 refund");
    assertThat(second.get("completed_at")).isEmpty();
    assertThat(second.get("debug_events")).as("counted only once a trace ends").isEmpty();

    List<CSVRecord> events = csv(files.get("events.csv"));
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("event_id")).isEqualTo(formula.id().value().toString());
    assertThat(events.get(0).get("message")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(JSON.readTree(events.get(0).get("data"))).isEqualTo(JSON.readTree("{\"amount\":12.5,\"ok\":false}"));
    assertThat(Double.parseDouble(events.get(0).get("duration_ms"))).isEqualTo(3.25);
    assertThat(events.get(1).get("message")).isEqualTo("Grüße\nzweite Zeile");
    assertThat(events.get(1).get("parent_event_id")).isEqualTo(formula.id().value().toString());
    assertThat(events.get(1).get("duration_ms")).isEmpty();
  }

  @Test
  void gzippedCsvOfTracesIsOneFile() throws Exception {
    byte[] gzip = export(spec(ExportFormat.CSV, ExportCompression.GZIP, false, false));
    List<CSVRecord> traces = csv(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes());
    assertThat(traces).extracting(r -> r.get("trace_id"))
        .containsExactly(checkout.id().value().toString(), running.id().value().toString());
  }

  @Test
  void anEmptyResultIsAValidFileWithItsHeaderOrSchema(@TempDir Path dir) throws Exception {
    TraceFilter nothing = TraceFilter.all(new TenantId("nobody-here"));
    byte[] csv = export(new ExportSpec(nothing, ExportFormat.CSV, ExportCompression.NONE, false, null));
    assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo(String.join(",", CsvRows.TRACE_COLUMNS) + "\r\n");
    JsonNode document = JSON.readTree(export(new ExportSpec(nothing, ExportFormat.JSON, ExportCompression.NONE, true, null)));
    assertThat(document.get("traces")).isEmpty();
    Path parquet = dir.resolve("empty.parquet");
    Files.write(parquet, export(new ExportSpec(nothing, ExportFormat.PARQUET, ExportCompression.ZSTD, false, null)));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement();
        ResultSet rows = s.executeQuery("select count(*) from (describe select * from read_parquet('" + parquet + "'))")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(ParquetRows.TRACES.getFieldCount());
    }
  }

  @Test
  void parquetReadsBackWithDuckDbTyped(@TempDir Path dir) throws Exception {
    Map<String, byte[]> files = unzip(export(spec(ExportFormat.PARQUET, ExportCompression.ZSTD, true, true)));
    assertThat(files).containsOnlyKeys("traces.parquet", "events.parquet", "metrics.json");
    Path traces = dir.resolve("traces.parquet");
    Path events = dir.resolve("events.parquet");
    Files.write(traces, files.get("traces.parquet"));
    Files.write(events, files.get("events.parquet"));

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
      s.execute("set timezone = 'UTC'");
      try (ResultSet rows = s.executeQuery("select trace_id, name, status, epoch_us(started_at), epoch_us(completed_at),"
          + " duration_ms, metadata, error_events, typeof(started_at) from read_parquet('" + traces + "') order by started_at")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo(checkout.id().value().toString());
        assertThat(rows.getString(2)).isEqualTo("Checkout \"quoted\", with comma");
        assertThat(rows.getString(3)).isEqualTo("failed");
        assertThat(rows.getLong(4)).isEqualTo(micros(T0));
        assertThat(rows.getLong(5)).isEqualTo(micros(T0.plusMillis(250)));
        assertThat(rows.getDouble(6)).isEqualTo(250.0);
        assertThat(JSON.readTree(rows.getString(7))).isEqualTo(JSON.readTree("{\"region\":\"eu\",\"n\":3}"));
        assertThat(rows.getInt(8)).isEqualTo(1);
        assertThat(rows.getString(9)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        rows.next();
        assertThat(rows.getString(2)).as("no neutralising in a typed format").isEqualTo("-1 refund");
        rows.getLong(5);
        assertThat(rows.wasNull()).isTrue();
        assertThat(rows.next()).isFalse();
      }
      try (ResultSet rows = s.executeQuery("select event_id, trace_id, parent_event_id, level, message, data,"
          + " epoch_us(occurred_at), duration_ms, trace_name, trace_status from read_parquet('" + events + "') order by occurred_at")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo(formula.id().value().toString());
        assertThat(rows.getString(2)).isEqualTo(checkout.id().value().toString());
        assertThat(rows.getString(3)).isNull();
        assertThat(rows.getString(4)).isEqualTo("error");
        assertThat(rows.getString(5)).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(JSON.readTree(rows.getString(6))).isEqualTo(JSON.readTree("{\"amount\":12.5,\"ok\":false}"));
        assertThat(rows.getLong(7)).isEqualTo(micros(T0.plusMillis(10)));
        assertThat(rows.getDouble(8)).isEqualTo(3.25);
        assertThat(rows.getString(9)).isEqualTo("Checkout \"quoted\", with comma");
        assertThat(rows.getString(10)).isEqualTo("failed");
        rows.next();
        assertThat(rows.getString(3)).isEqualTo(formula.id().value().toString());
        assertThat(rows.getString(5)).isEqualTo("Grüße\nzweite Zeile");
        rows.getDouble(8);
        assertThat(rows.wasNull()).isTrue();
      }
    }
    JsonNode metrics = JSON.readTree(files.get("metrics.json"));
    assertThat(metrics).hasSize(1);
    assertThat(metrics.get(0).get("group").get("type").asText()).isEqualTo("api_request");
    assertThat(metrics.get(0).get("count").asLong()).isEqualTo(2);
  }

  @Test
  void aJsonDocumentNestsEventsInTheirTracesWithMetrics() throws Exception {
    JsonNode document = JSON.readTree(export(spec(ExportFormat.JSON, ExportCompression.NONE, true, true)));
    JsonNode traces = document.get("traces");
    assertThat(traces).hasSize(2);
    assertThat(traces.get(0).get("id").asText()).isEqualTo(checkout.id().value().toString());
    assertThat(traces.get(0).get("metadata").get("n").asInt()).isEqualTo(3);
    assertThat(traces.get(0).get("events")).extracting(e -> e.get("id").asText())
        .containsExactly(formula.id().value().toString(), child.id().value().toString());
    assertThat(traces.get(0).get("events").get(0).get("message").asText()).isEqualTo("=HYPERLINK(\"http://x\")");
    assertThat(traces.get(0).get("events").get(1).get("parentEventId").asText()).isEqualTo(formula.id().value().toString());
    assertThat(traces.get(1).get("events")).isEmpty();
    assertThat(traces.get(1).get("completedAt").isNull()).isTrue();
    assertThat(document.get("metrics").get(0).get("errorRate").asDouble()).isEqualTo(0.5);
  }

  @Test
  void ndjsonHasALinePerTraceAndPerEvent() throws Exception {
    String text = new String(export(spec(ExportFormat.NDJSON, ExportCompression.NONE, true, false)), StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).extracting(l -> l.get("kind").asText()).containsExactly("trace", "event", "event", "trace");
    assertThat(lines.get(1).get("traceId").asText()).isEqualTo(checkout.id().value().toString());
    assertThat(text).endsWith("\n");
  }

  @Test
  void aCancelledExportStops() {
    assertThatThrownBy(() -> inTransaction(em -> {
      try {
        return exporterIn(em).export(spec(ExportFormat.CSV, ExportCompression.NONE, false, false),
            new ByteArrayOutputStream(), rows -> false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    })).isInstanceOf(TraceExporter.ExportCancelledException.class);
  }

  @Test
  void countsTheRowsItWillWrite() {
    Long rows = inTransaction(em -> exporterIn(em).countRows(spec(ExportFormat.CSV, ExportCompression.NONE, true, false)));
    assertThat(rows).isEqualTo(4); // two traces, two events
  }

  // ---------------------------------------------------------------------------------------------

  private ExportSpec spec(ExportFormat format, ExportCompression compression, boolean events, boolean metrics) {
    return new ExportSpec(TraceFilter.all(tenant), format, compression, events, metrics ? ExportSpec.DEFAULT_METRICS : null);
  }

  private byte[] export(ExportSpec spec) {
    return inTransaction(em -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        exporterIn(em).export(spec, out, TraceExporter.ExportProgress.NONE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    });
  }

  private static StreamingTraceExporter exporterIn(EntityManager em) {
    JpaTraceRepository traces = new JpaTraceRepository(em, new PersistenceMapperImpl());
    return new StreamingTraceExporter(em, new SqlTraceQueries(em, traces), CLOCK, Thread::new);
  }

  private static List<CSVRecord> csv(byte[] bytes) throws Exception {
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      return parser.getRecords();
    }
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private Trace trace(String contextId, String name, Instant startedAt, Map<String, ?> metadata, List<String> tags) {
    NewTrace what = new NewTrace(contextId, "exec-" + contextId, TraceType.API_REQUEST, name, null, JsonMap.of(metadata, "metadata"), tags);
    // A UUIDv7 id made at the start, as the service makes it: exports list traces in id order.
    return Trace.start(tenant, TraceId.next(Clock.fixed(startedAt, ZoneOffset.UTC)), what, startedAt);
  }

  private static <T> T inTransaction(Function<EntityManager, T> work) {
    return persistence.inTransaction(work);
  }
}
