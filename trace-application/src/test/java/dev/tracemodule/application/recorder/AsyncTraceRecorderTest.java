package dev.tracemodule.application.recorder;

import static dev.tracemodule.application.recorder.RecorderSettings.QueueFullPolicy.BLOCK;
import static dev.tracemodule.application.recorder.RecorderSettings.QueueFullPolicy.DROP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceType;
import dev.tracemodule.application.trace.TraceMapperImpl;
import dev.tracemodule.application.trace.TraceModule;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncTraceRecorderTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TraceModule module = new TraceModule(T0);
  private final CountingMetrics metrics = new CountingMetrics();
  private final EventWriter realWriter = new HandlerEventWriter(module.recordEvents, new TraceMapperImpl());
  private final List<AsyncTraceRecorder> started = new ArrayList<>();

  @AfterEach
  void closeRecorders() {
    started.forEach(AsyncTraceRecorder::close);
  }

  private AsyncTraceRecorder recorder(RecorderSettings settings, EventWriter writer) {
    AsyncTraceRecorder recorder =
        AsyncTraceRecorder.start(settings, writer, metrics, () -> TenantId.DEFAULT, module.clock, Thread::new);
    started.add(recorder);
    return recorder;
  }

  private UUID activeTrace() {
    return module.service
        .createTrace(new CreateTraceRequest("ctx", null, TraceType.CUSTOM, "t", null, Map.of(), List.of()))
        .id();
  }

  @Test
  void writesEventsWithTheirTraceParentIdAndTheTimeTheyWereRecorded() throws Exception {
    AsyncTraceRecorder recorder = recorder(RecorderSettings.DEFAULTS, realWriter);
    UUID first = activeTrace();
    UUID second = activeTrace();

    UUID parent = recorder.record(first, "request", EventLevel.INFO, "GET /cart");
    module.clock.advance(Duration.ofMillis(7));
    UUID child =
        recorder.record(
            first,
            new RecordEventRequest(null, "db", EventLevel.DEBUG, "select", Map.of("rows", 3), null, 1.5, parent));
    UUID chosen = UUID.fromString("00000000-0000-7000-8000-0000000000c1");
    UUID elsewhere = recorder.record(second, new RecordEventRequest(chosen, "other", null, null, null, null, null, null));

    assertThat(recorder.flush(WAIT)).isTrue();
    assertThat(elsewhere).isEqualTo(chosen);
    assertThat(module.service.getTrace(first).events())
        .extracting(EventResponse::id, EventResponse::type, EventResponse::parentEventId, EventResponse::timestamp)
        .containsExactly(tuple(parent, "request", null, T0), tuple(child, "db", parent, T0.plusMillis(7)));
    assertThat(module.service.getTrace(first).events().get(1).data()).containsEntry("rows", 3);
    assertThat(module.service.getTrace(second).events()).extracting(EventResponse::id).containsExactly(chosen);
    assertThat(metrics.accepted.get()).isEqualTo(3);
    assertThat(metrics.written.get()).isEqualTo(3);
    assertThat(metrics.rejected.get()).isZero();
  }

  @Test
  void eventsThatBreakARuleAreRejectedAloneAndCounted() throws Exception {
    AsyncTraceRecorder recorder = recorder(RecorderSettings.DEFAULTS, realWriter);
    UUID open = activeTrace();
    UUID ended = activeTrace();
    module.service.completeTrace(ended);

    recorder.record(open, "kept", EventLevel.INFO, null);
    recorder.record(open, " ", EventLevel.INFO, "blank type");
    recorder.record(ended, "too late", EventLevel.INFO, null);
    recorder.record(UUID.randomUUID(), "no such trace", EventLevel.INFO, null);
    recorder.record(open, new RecordEventRequest(null, "orphan", null, null, null, null, null, UUID.randomUUID()));
    recorder.record(open, "kept too", EventLevel.INFO, null);

    assertThat(recorder.flush(WAIT)).isTrue();
    assertThat(module.service.getTrace(open).events()).extracting(EventResponse::type).containsExactly("kept", "kept too");
    assertThat(module.storedEventCount(ended)).isZero();
    assertThat(metrics.written.get()).isEqualTo(2);
    assertThat(metrics.rejected.get()).isEqualTo(4);
  }

  @Test
  void aFailedWriteIsRetriedAndStoresEveryEventOnce() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    EventWriter failsOnceAfterWriting =
        (tenant, events) -> {
          EventWriter.Written written = realWriter.write(tenant, events);
          if (attempts.incrementAndGet() == 1) {
            // As if the commit happened but its answer was lost.
            throw new IllegalStateException("connection reset");
          }
          return written;
        };
    AsyncTraceRecorder recorder = recorder(RecorderSettings.DEFAULTS, failsOnceAfterWriting);
    UUID traceId = activeTrace();

    for (int i = 0; i < 50; i++) {
      recorder.record(traceId, "e" + i, EventLevel.INFO, null);
    }

    assertThat(recorder.flush(WAIT)).isTrue();
    assertThat(attempts.get()).isGreaterThan(1);
    assertThat(module.storedEventCount(traceId)).isEqualTo(50);
    assertThat(metrics.written.get()).isEqualTo(50);
  }

  @Test
  void aFullQueueMakesTheCallerWaitByDefault() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AsyncTraceRecorder recorder =
        recorder(new RecorderSettings(4, 1, BLOCK, WAIT), heldWriter(writing, release));
    UUID traceId = activeTrace();
    recorder.record(traceId, "taken by the writer", EventLevel.INFO, null);
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 4; i++) {
      recorder.record(traceId, "queued " + i, EventLevel.INFO, null);
    }

    Future<UUID> blocked =
        Executors.newSingleThreadExecutor().submit(() -> recorder.record(traceId, "waits", EventLevel.INFO, null));
    Thread.sleep(200);
    assertThat(blocked).isNotDone();

    release.countDown();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(recorder.flush(WAIT)).isTrue();
    assertThat(module.storedEventCount(traceId)).isEqualTo(6);
    assertThat(metrics.dropped.get()).isZero();
  }

  @Test
  void theDropPolicyCountsWhatDidNotFitAndNeverWaits() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AsyncTraceRecorder recorder = recorder(new RecorderSettings(4, 1, DROP, WAIT), heldWriter(writing, release));
    UUID traceId = activeTrace();
    recorder.record(traceId, "taken by the writer", EventLevel.INFO, null);
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 7; i++) {
      recorder.record(traceId, "e" + i, EventLevel.INFO, null);
    }

    assertThat(metrics.dropped.get()).isEqualTo(3);
    assertThat(recorder.queueDepth()).isEqualTo(4);
    release.countDown();
    assertThat(recorder.flush(WAIT)).isTrue();
    assertThat(module.service.getTrace(traceId).events())
        .extracting(EventResponse::type)
        .containsExactly("taken by the writer", "e0", "e1", "e2", "e3");
    assertThat(metrics.accepted.get()).isEqualTo(5);
  }

  @Test
  void closingWritesEverythingQueuedFromManyThreadsThenDropsLateEvents() throws Exception {
    EventWriter slow =
        (tenant, events) -> {
          sleep(2);
          return realWriter.write(tenant, events);
        };
    AsyncTraceRecorder recorder = recorder(new RecorderSettings(1024, 100, BLOCK, WAIT), slow);
    UUID traceId = activeTrace();
    var threads = Executors.newFixedThreadPool(4);
    List<Future<?>> producers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      producers.add(threads.submit(() -> {
        for (int i = 0; i < 2_500; i++) {
          recorder.record(traceId, "e", EventLevel.INFO, null);
        }
      }));
    }
    for (Future<?> producer : producers) {
      producer.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();

    recorder.close();

    assertThat(module.storedEventCount(traceId)).isEqualTo(10_000);
    assertThat(metrics.written.get()).isEqualTo(10_000);
    recorder.record(traceId, "after close", EventLevel.INFO, null);
    assertThat(metrics.dropped.get()).isEqualTo(1);
    assertThat(recorder.flush(Duration.ofMillis(50))).isFalse();
  }

  @Test
  void refusesANullTraceOrEventAtOnce() {
    AsyncTraceRecorder recorder = recorder(RecorderSettings.DEFAULTS, realWriter);

    assertThatThrownBy(() -> recorder.record(null, "x", EventLevel.INFO, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recorder.record(UUID.randomUUID(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A writer that signals when it has a batch, and writes it only once released. */
  private EventWriter heldWriter(CountDownLatch writing, CountDownLatch release) {
    return (tenant, events) -> {
      writing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return realWriter.write(tenant, events);
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class CountingMetrics implements RecorderMetrics {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    @Override
    public void accepted() {
      accepted.incrementAndGet();
    }

    @Override
    public void dropped(int events) {
      dropped.addAndGet(events);
    }

    @Override
    public void written(int stored, int rejected, Duration took) {
      written.addAndGet(stored);
      this.rejected.addAndGet(rejected);
    }
  }
}
