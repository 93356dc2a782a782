package dev.tracemodule.application.recorder;

import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/** The recorder's figures as MicroProfile Metrics, in the application registry ({@code /metrics}). */
final class MicroProfileRecorderMetrics implements RecorderMetrics {

  private final Counter accepted;
  private final Counter written;
  private final Counter rejected;
  private final Counter dropped;
  private final Histogram batchSize;
  private final Timer writeDuration;

  MicroProfileRecorderMetrics(MetricRegistry registry) {
    accepted = registry.counter(describe("trace.recorder.events.accepted", "Events put on the recorder's queue", MetricUnits.NONE));
    written = registry.counter(describe("trace.recorder.events.written", "Recorded events stored in the database", MetricUnits.NONE));
    rejected = registry.counter(describe("trace.recorder.events.rejected", "Recorded events refused when written: a broken rule, or an unknown or ended trace", MetricUnits.NONE));
    dropped = registry.counter(describe("trace.recorder.events.dropped", "Recorded events dropped: queue full under the drop policy, or not written by shutdown", MetricUnits.NONE));
    batchSize = registry.histogram(describe("trace.recorder.batch.size", "Events per batch the recorder wrote", MetricUnits.NONE));
    writeDuration = registry.timer(describe("trace.recorder.write.duration", "Time to write one batch of recorded events", MetricUnits.NANOSECONDS));
  }

  /** The queue depth is read when the metrics are, not counted on the hot path. */
  void watchQueue(MetricRegistry registry, AsyncTraceRecorder recorder) {
    registry.gauge(
        describe("trace.recorder.queue.depth", "Recorded events waiting to be written", MetricUnits.NONE),
        recorder,
        AsyncTraceRecorder::queueDepth);
  }

  @Override
  public void accepted() {
    accepted.inc();
  }

  @Override
  public void dropped(int events) {
    dropped.inc(events);
  }

  @Override
  public void written(int stored, int rejected, Duration took) {
    written.inc(stored);
    this.rejected.inc(rejected);
    batchSize.update(stored + rejected);
    writeDuration.update(took);
  }

  private static Metadata describe(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }
}
