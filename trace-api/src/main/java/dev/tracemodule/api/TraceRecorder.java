package dev.tracemodule.api;

import java.time.Duration;
import java.util.UUID;

/**
 * Records events <strong>asynchronously</strong>, for hot paths in code running beside the
 * module: {@code record} puts the event on a bounded in-memory queue and returns at once; a
 * writer thread stores queued events in batches, usually within milliseconds.
 *
 * <p>What that means:
 *
 * <ul>
 *   <li>When {@code record} returns, the event is <em>not yet stored</em>. An orderly shutdown
 *       writes everything queued, but a crash loses what was still queued. Use {@link
 *       TraceManagementService#recordEvent} when a write must be acknowledged.
 *   <li>The event gets its id and (unless it has one) its timestamp when it is recorded, so later
 *       events may name it as their parent at once; it is stored exactly as the service would
 *       store it, with the same rules.
 *   <li>Errors are not thrown: an event that breaks a rule, or whose trace is unknown or has
 *       ended, is rejected when written, logged and counted ({@code
 *       trace_recorder_events_rejected_total} at {@code /metrics}).
 *   <li>When the queue is full, {@code record} waits for room (the default) or, with {@code
 *       trace.recorder.queue-full=drop}, drops the event and counts it.
 * </ul>
 *
 * <p>Inject it with CDI. It is safe to call from any number of threads.
 */
public interface TraceRecorder {

  /**
   * Queues an event of an active trace.
   *
   * @return the event's id: the client-chosen one if the request has it, otherwise a new one
   */
  UUID record(UUID traceId, RecordEventRequest event);

  /** Queues an event with just a type, a level and a message. */
  UUID record(UUID traceId, String type, EventLevel level, String message);

  /**
   * Waits until every event queued before this call has been written (or rejected).
   *
   * @return false when {@code timeout} passed first
   */
  boolean flush(Duration timeout) throws InterruptedException;
}
