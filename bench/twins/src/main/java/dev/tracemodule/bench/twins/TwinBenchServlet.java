package dev.tracemodule.bench.twins;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TraceType;
import dev.tracemodule.api.twin.StateChangeRequest;
import dev.tracemodule.api.twin.TwinFieldDefinition;
import dev.tracemodule.api.twin.TwinKind;
import dev.tracemodule.api.twin.TwinStateResponse;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import dev.tracemodule.application.twin.Timelines;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinTimeline;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Times ObjectTwins inside the server, through the injected service, as an application would:
 *
 * <ul>
 *   <li>{@code POST /twin-bench/load?object=ID&changes=N}: registers {@code BenchCounter} and
 *       records N changes of one object, 10 ms apart from {@link #T0}, 1,000 to a transaction.
 *   <li>{@code POST /twin-bench/rebuild?object=ID&samples=S&replays=R}: the state at S random
 *       instants through {@code getTwin(id, at)} (after 200 untimed), then R rebuilds at instants
 *       among them that replay every change from the first (the same timeline over a repository
 *       that hides its snapshots); checks that both give the same state.
 *   <li>{@code POST /twin-bench/record?n=N}: N plain events, N state changes without a trace and N
 *       with one (which also records its event), interleaved, each a transaction of its own.
 * </ul>
 *
 * Answers {@code name value...} lines.
 */
@WebServlet("/twin-bench/*")
public class TwinBenchServlet extends HttpServlet {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String TYPE = "BenchCounter";

  @Inject TraceManagementService service;
  @Inject TwinRepository twins;
  @Inject Timelines timelines;
  @Inject UserTransaction transaction;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain");
    PrintWriter out = response.getWriter();
    try {
      switch (request.getPathInfo()) {
        case "/load" -> load(request.getParameter("object"), Integer.parseInt(request.getParameter("changes")), out);
        case "/rebuild" -> rebuild(request.getParameter("object"), Integer.parseInt(request.getParameter("samples")),
            Integer.parseInt(request.getParameter("replays")), out);
        case "/record" -> record(Integer.parseInt(request.getParameter("n")), out);
        default -> response.sendError(404);
      }
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private void load(String object, int changes, PrintWriter out) throws Exception {
    service.registerType(new TwinTypeDefinition(TYPE, TwinKind.OBJECT, "bench", List.of(
        new TwinFieldDefinition("count", "integer", 0, false, null),
        new TwinFieldDefinition("label", "string", "none", false, null),
        new TwinFieldDefinition("amount", "decimal", null, true, null),
        new TwinFieldDefinition("tags", "list<string>", List.of(), false, null))));
    SplittableRandom random = new SplittableRandom(1);
    long started = System.nanoTime();
    for (int i = 0; i < changes; ) {
      transaction.begin();
      for (int n = 0; n < 1_000 && i < changes; n++, i++) {
        service.recordChange(object, new StateChangeRequest(null, TYPE, change(random, i), null,
            T0.plusMillis(10L * i), null, null));
      }
      transaction.commit();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "loaded %d %.2f %s %s%n", changes, seconds, T0, T0.plusMillis(10L * (changes - 1)));
  }

  private static Map<String, Object> change(SplittableRandom random, int i) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("count", (long) i);
    if (random.nextInt(3) == 0) {
      set.put("label", "label-" + random.nextInt(50));
    }
    if (random.nextInt(4) == 0) {
      set.put("amount", BigDecimal.valueOf(random.nextLong(0, 1_000_000), 2));
    }
    if (random.nextInt(10) == 0) {
      set.put("tags", List.of("t" + random.nextInt(5)));
    }
    return set;
  }

  private void rebuild(String object, int samples, int replays, PrintWriter out) throws Exception {
    TwinStateResponse last = service.getTwin(object, null);
    long span = last.lastChangeAt().toEpochMilli() - T0.toEpochMilli();
    SplittableRandom random = new SplittableRandom(7);
    TenantId tenant = TenantId.DEFAULT;
    ObjectId id = new ObjectId(object);
    TwinRepository withoutSnapshots = hidingSnapshots(twins);
    long[] service = new long[samples];
    long[] replay = new long[replays];
    Instant[] instants = new Instant[samples];
    TwinStateResponse[] states = new TwinStateResponse[samples];
    for (int i = 0; i < 200; i++) { // warm-up, untimed
      this.service.getTwin(object, T0.plusMillis(random.nextLong(0, span + 1)));
    }
    for (int i = 0; i < samples; i++) {
      instants[i] = T0.plusMillis(random.nextLong(0, span + 1)).plusNanos(random.nextLong(0, 1_000_000));
      long t0 = System.nanoTime();
      states[i] = this.service.getTwin(object, instants[i]);
      service[i] = System.nanoTime() - t0;
    }
    // Then the baseline at instants spread over the same sample, compared state for state. (Its
    // garbage, a hundred thousand changes a rebuild, would otherwise land in the service's pauses.)
    int mismatches = 0;
    for (int r = 0; r < replays; r++) {
      int i = (int) ((long) r * samples / replays);
      transaction.begin();
      long t1 = System.nanoTime();
      TwinTimeline full = new TwinTimeline(withoutSnapshots, timelines.versions(tenant), Integer.MAX_VALUE - 1);
      Optional<ObjectTwin> replayed = full.at(tenant, id, instants[i]);
      replay[r] = System.nanoTime() - t1;
      transaction.commit();
      if (replayed.isEmpty() || replayed.get().revision() != states[i].revision()
          || !replayed.get().state().equals(states[i].state())) {
        mismatches++;
      }
    }
    out.println(stats("service", service));
    out.println(stats("replay", replay));
    out.printf("revision %d%n", last.revision());
    out.printf("mismatches %d%n", mismatches);
  }

  /** The repository as it would be without snapshots: every rebuild replays from the first change. */
  private static TwinRepository hidingSnapshots(TwinRepository twins) {
    return (TwinRepository) Proxy.newProxyInstance(TwinRepository.class.getClassLoader(),
        new Class<?>[] {TwinRepository.class}, (proxy, method, args) -> method.getName().startsWith("snapshot")
            ? Optional.empty() : method.invoke(twins, args));
  }

  private void record(int n, PrintWriter out) {
    UUID trace = service.createTrace(new CreateTraceRequest("twin-bench", null, TraceType.CUSTOM, "record bench",
        null, null, null)).id();
    service.registerType(new TwinTypeDefinition(TYPE, TwinKind.OBJECT, "bench", List.of(
        new TwinFieldDefinition("count", "integer", 0, false, null),
        new TwinFieldDefinition("label", "string", "none", false, null),
        new TwinFieldDefinition("amount", "decimal", null, true, null),
        new TwinFieldDefinition("tags", "list<string>", List.of(), false, null))));
    String object = "record-" + UUID.randomUUID();
    long[] events = new long[n];
    long[] changes = new long[n];
    long[] tracedChanges = new long[n];
    int warmup = Math.min(500, n / 5);
    for (int i = -warmup; i < n; i++) {
      long t0 = System.nanoTime();
      service.recordEvent(trace, new RecordEventRequest(null, "step", null, "step " + i,
          Map.of("count", i, "label", "x"), null, null, null));
      long t1 = System.nanoTime();
      service.recordChange(object, StateChangeRequest.of(TYPE, Map.of("count", i, "label", "x")));
      long t2 = System.nanoTime();
      service.recordChange(object, new StateChangeRequest(null, TYPE, Map.of("count", i, "label", "y"), trace, null,
          null, null));
      long t3 = System.nanoTime();
      if (i >= 0) {
        events[i] = t1 - t0;
        changes[i] = t2 - t1;
        tracedChanges[i] = t3 - t2;
      }
    }
    out.println(stats("event", events));
    out.println(stats("change", changes));
    out.println(stats("traced_change", tracedChanges));
  }

  /** {@code name count mean p50 p90 p99 max}, in milliseconds. */
  private static String stats(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
    return String.format(Locale.ROOT, "%s %d %.3f %.3f %.3f %.3f %.3f", name, sorted.length, mean,
        percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
