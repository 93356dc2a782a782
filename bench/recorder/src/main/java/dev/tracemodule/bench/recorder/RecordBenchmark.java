package dev.tracemodule.bench.recorder;

import dev.tracemodule.api.EventLevel;
import dev.tracemodule.application.recorder.AsyncTraceRecorder;
import dev.tracemodule.application.recorder.EventWriter;
import dev.tracemodule.application.recorder.RecorderMetrics;
import dev.tracemodule.application.recorder.RecorderSettings;
import dev.tracemodule.domain.shared.TenantId;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The cost of one {@code TraceRecorder.record} call next to starting and ending one OpenTelemetry
 * SDK span, each on one thread and on two. Both hand their item to a queue drained by a background
 * thread whose exporter or writer throws the items away, so what is measured is the caller's cost
 * plus the hand-off, not the database. The recorder's queue blocks when full (its default), so a
 * writer that could not keep up would show here as a slower {@code record}; OpenTelemetry's batch
 * processor drops spans instead.
 */
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecordBenchmark {

  @State(Scope.Benchmark)
  public static class Recorder {
    final UUID traceId = UUID.randomUUID();
    AsyncTraceRecorder recorder;

    @Setup(Level.Trial)
    public void start() {
      EventWriter discard = (tenant, events) -> new EventWriter.Written(events.size(), 0);
      recorder =
          AsyncTraceRecorder.start(
              RecorderSettings.DEFAULTS, discard, new AdderMetrics(), () -> TenantId.DEFAULT,
              Clock.systemUTC(), Thread::new);
    }

    @TearDown(Level.Trial)
    public void stop() {
      recorder.close();
    }
  }

  @State(Scope.Benchmark)
  public static class OpenTelemetry {
    SdkTracerProvider provider;
    Tracer tracer;

    @Setup(Level.Trial)
    public void start() {
      provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(new NoopExporter()).build())
              .build();
      tracer = provider.get("bench");
    }

    @TearDown(Level.Trial)
    public void stop() {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  @Threads(1)
  public UUID recorderOneThread(Recorder state) {
    return state.recorder.record(state.traceId, "db.query", EventLevel.INFO, "select * from cart");
  }

  @Benchmark
  @Threads(2)
  public UUID recorderTwoThreads(Recorder state) {
    return state.recorder.record(state.traceId, "db.query", EventLevel.INFO, "select * from cart");
  }

  @Benchmark
  @Threads(1)
  public void otelSpanOneThread(OpenTelemetry state) {
    state.tracer.spanBuilder("db.query").startSpan().end();
  }

  @Benchmark
  @Threads(2)
  public void otelSpanTwoThreads(OpenTelemetry state) {
    state.tracer.spanBuilder("db.query").startSpan().end();
  }

  /** Counts as the server's MicroProfile counters do: striped, so threads do not contend. */
  static final class AdderMetrics implements RecorderMetrics {
    final LongAdder accepted = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder written = new LongAdder();

    @Override
    public void accepted() {
      accepted.increment();
    }

    @Override
    public void dropped(int events) {
      dropped.add(events);
    }

    @Override
    public void written(int stored, int rejected, Duration took) {
      written.add(stored);
    }
  }

  static final class NoopExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
