package dev.tracemodule.bench.soak;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TraceRecorder;
import dev.tracemodule.api.TraceType;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code POST /soak?events=N&threads=C&traces=T}: records N events from C threads into T traces
 * (one root event per trace, every other event its child) through the injected TraceRecorder,
 * then waits until all are written. Answers the trace ids and the timings, one per line.
 */
@WebServlet("/soak")
public class RecorderSoakServlet extends HttpServlet {

  @Inject TraceRecorder recorder;
  @Inject TraceManagementService traces;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    int events = Integer.parseInt(request.getParameter("events"));
    int threads = Integer.parseInt(request.getParameter("threads"));
    int traceCount = Integer.parseInt(request.getParameter("traces"));
    List<UUID> traceIds = new ArrayList<>();
    for (int i = 0; i < traceCount; i++) {
      traceIds.add(traces.createTrace(new CreateTraceRequest(
          "soak", null, TraceType.BACKGROUND_TASK, "recorder soak " + i, null, Map.of(), List.of("soak"))).id());
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    try {
      List<Future<?>> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        producers.add(pool.submit(() -> produce(traceIds, thread, threads, events)));
      }
      for (Future<?> producer : producers) {
        producer.get();
      }
      long recorded = System.nanoTime();
      boolean flushed = recorder.flush(Duration.ofMinutes(10));
      long written = System.nanoTime();

      response.setContentType("text/plain");
      var out = response.getWriter();
      out.println("traces " + String.join(",", traceIds.stream().map(UUID::toString).toList()));
      out.println("events " + events);
      out.println("record_seconds " + (recorded - started) / 1e9);
      out.println("written_seconds " + (written - started) / 1e9);
      out.println("flushed " + flushed);
    } catch (Exception e) {
      throw new IOException(e);
    } finally {
      pool.shutdown();
    }
  }

  /** This thread's share of the events, spread over its share of the traces. */
  private void produce(List<UUID> traceIds, int thread, int threads, int events) {
    List<UUID> mine = new ArrayList<>();
    for (int i = thread; i < traceIds.size(); i += threads) {
      mine.add(traceIds.get(i));
    }
    UUID[] roots = new UUID[mine.size()];
    int share = events / threads + (thread < events % threads ? 1 : 0);
    for (int i = 0; i < share; i++) {
      int slot = i % mine.size();
      UUID traceId = mine.get(slot);
      if (roots[slot] == null) {
        roots[slot] = recorder.record(traceId, "request", EventLevel.INFO, "GET /orders/" + i);
      } else {
        recorder.record(traceId, new RecordEventRequest(null, "db.query", i % 50 == 0 ? EventLevel.WARN : EventLevel.DEBUG,
            "select * from order_line where order_id = ?", Map.of("rows", i % 17, "shard", slot), null, 0.4, roots[slot]));
      }
    }
  }
}
