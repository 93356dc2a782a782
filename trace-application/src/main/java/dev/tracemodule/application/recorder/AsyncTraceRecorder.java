package dev.tracemodule.application.recorder;

import dev.tracemodule.api.EventLevel;
import dev.tracemodule.application.twin.TwinContext;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceRecorder;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jctools.queues.MpscArrayQueue;

/**
 * The {@link TraceRecorder}: callers put events on a bounded lock-free queue (JCTools' MPSC array
 * queue) and one writer thread drains it in batches to an {@link EventWriter}. Queue order is
 * kept, so a parent recorded before its child is written no later than the child.
 *
 * <p>A failed write is retried with the same events (their ids make the retry idempotent) until
 * it succeeds or, once closing, the shutdown timeout passes.
 */
public final class AsyncTraceRecorder implements TraceRecorder, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AsyncTraceRecorder.class.getName());
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long FULL_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
  private static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(5);

  private final MpscArrayQueue<Object> queue;
  private final RecorderSettings settings;
  private final EventWriter writer;
  private final RecorderMetrics metrics;
  private final Supplier<TenantId> tenant;
  private final Clock clock;
  private final Thread writerThread;
  private volatile boolean closing;
  private volatile long closeDeadlineNanos = Long.MAX_VALUE;

  private AsyncTraceRecorder(
      RecorderSettings settings,
      EventWriter writer,
      RecorderMetrics metrics,
      Supplier<TenantId> tenant,
      Clock clock,
      ThreadFactory threads) {
    this.queue = new MpscArrayQueue<>(settings.capacity());
    this.settings = settings;
    this.writer = writer;
    this.metrics = metrics;
    this.tenant = tenant;
    this.clock = clock;
    this.writerThread = threads.newThread(this::drainUntilClosed);
    writerThread.setName("trace-recorder-writer");
  }

  /** Creates the recorder and starts its writer thread. */
  public static AsyncTraceRecorder start(
      RecorderSettings settings,
      EventWriter writer,
      RecorderMetrics metrics,
      Supplier<TenantId> tenant,
      Clock clock,
      ThreadFactory threads) {
    AsyncTraceRecorder recorder = new AsyncTraceRecorder(settings, writer, metrics, tenant, clock, threads);
    recorder.writerThread.start();
    return recorder;
  }

  @Override
  public UUID record(UUID traceId, String type, EventLevel level, String message) {
    return record(traceId, new RecordEventRequest(null, type, level, message, null, null, null, null));
  }

  @Override
  public UUID record(UUID traceId, RecordEventRequest event) {
    if (traceId == null || event == null) {
      throw new IllegalArgumentException("traceId and event must not be null");
    }
    RecordEventRequest stamped = event;
    // The writer runs on its own thread: the anchor's object is taken now, from the caller's.
    String anchored = event.objectId() == null ? TwinContext.currentObjectId() : null;
    if (event.id() == null || event.timestamp() == null || anchored != null) {
      stamped =
          new RecordEventRequest(
              event.id() != null ? event.id() : TimeOrderedIds.next(clock),
              event.type(),
              event.level(),
              event.message(),
              event.data(),
              event.timestamp() != null ? event.timestamp() : clock.instant(),
              event.durationMs(),
              event.parentEventId(),
              anchored != null ? anchored : event.objectId());
    }
    enqueue(new QueuedEvent(tenant.get(), traceId, stamped));
    return stamped.id();
  }

  @Override
  public boolean flush(Duration timeout) throws InterruptedException {
    CountDownLatch written = new CountDownLatch(1);
    // The marker takes its turn behind every event queued so far.
    if (!offerWithin(written, timeout)) {
      return false;
    }
    return written.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Events waiting to be written. */
  public int queueDepth() {
    return queue.size();
  }

  /**
   * Stops taking events and writes what is queued, waiting at most the shutdown timeout. Events
   * recorded afterwards are dropped and counted.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closeDeadlineNanos = System.nanoTime() + settings.shutdownTimeout().toNanos();
    closing = true;
    LockSupport.unpark(writerThread);
    try {
      writerThread.join(Math.max(1, settings.shutdownTimeout().toMillis() + 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // What the writer did not take; flush markers among it are not events, and their callers
    // time out by themselves.
    List<Object> notTaken = new ArrayList<>();
    queue.drain(notTaken::add);
    int left = countEvents(notTaken);
    if (left > 0) {
      metrics.dropped(left);
      LOG.severe(() -> "Closed with " + left + " events not written: the database did not take them in time");
    }
  }

  private void enqueue(QueuedEvent event) {
    if (closing) {
      metrics.dropped(1);
      return;
    }
    if (queue.offer(event)) {
      metrics.accepted();
    } else if (settings.whenFull() == RecorderSettings.QueueFullPolicy.DROP) {
      metrics.dropped(1);
    } else if (offerWithin(event, null)) {
      metrics.accepted();
    } else {
      metrics.dropped(1);
    }
  }

  /**
   * Waits for room, spinning briefly and then parking; false once {@code timeout} (null: none) has
   * passed or the writer has stopped.
   */
  private boolean offerWithin(Object item, Duration timeout) {
    long started = System.nanoTime();
    for (int attempt = 0; !queue.offer(item); attempt++) {
      boolean timedOut = timeout != null && System.nanoTime() - started > timeout.toNanos();
      if (timedOut || (closing && !writerThread.isAlive())) {
        return false;
      }
      if (attempt < 100) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(FULL_PARK_NANOS);
      }
    }
    return true;
  }

  private void drainUntilClosed() {
    List<Object> batch = new ArrayList<>(settings.batchSize());
    while (true) {
      queue.drain(batch::add, settings.batchSize());
      if (batch.isEmpty()) {
        if (closing) {
          return;
        }
        LockSupport.parkNanos(IDLE_PARK_NANOS);
        continue;
      }
      try {
        writeWithRetries(batch);
      } catch (RuntimeException | Error e) {
        // Never let the writer die: callers blocked on a full queue would wait forever.
        LOG.log(Level.SEVERE, "Dropped a batch of recorded events", e);
        metrics.dropped(countEvents(batch));
      }
      releaseFlushes(batch);
      batch.clear();
    }
  }

  private void writeWithRetries(List<Object> batch) {
    Map<TenantId, List<QueuedEvent>> byTenant = new LinkedHashMap<>();
    for (Object item : batch) {
      if (item instanceof QueuedEvent event) {
        byTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event);
      }
    }
    for (Map.Entry<TenantId, List<QueuedEvent>> tenantEvents : byTenant.entrySet()) {
      writeWithRetries(tenantEvents.getKey(), tenantEvents.getValue());
    }
  }

  private void writeWithRetries(TenantId tenantId, List<QueuedEvent> events) {
    Duration delay = FIRST_RETRY_DELAY;
    while (true) {
      long started = System.nanoTime();
      try {
        EventWriter.Written written = writer.write(tenantId, events);
        metrics.written(written.stored(), written.rejected(), Duration.ofNanos(System.nanoTime() - started));
        return;
      } catch (RuntimeException e) {
        if (closing && System.nanoTime() + delay.toNanos() - closeDeadlineNanos > 0) {
          throw e;
        }
        LOG.log(Level.WARNING, "Writing " + events.size() + " recorded events failed; retrying in " + delay, e);
        LockSupport.parkNanos(delay.toNanos());
        Duration doubled = delay.multipliedBy(2);
        delay = doubled.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : doubled;
      }
    }
  }

  private static void releaseFlushes(List<Object> batch) {
    for (Object item : batch) {
      if (item instanceof CountDownLatch flushed) {
        flushed.countDown();
      }
    }
  }

  private static int countEvents(List<Object> batch) {
    return (int) batch.stream().filter(QueuedEvent.class::isInstance).count();
  }
}
