package dev.tracemodule.application.recorder;

import java.time.Duration;

/**
 * How the asynchronous recorder queues and writes.
 *
 * @param capacity events the queue holds; rounded up to a power of two
 * @param batchSize most events written in one transaction
 * @param whenFull what {@code record} does when the queue is full
 * @param shutdownTimeout how long closing may take to write what is queued
 */
public record RecorderSettings(int capacity, int batchSize, QueueFullPolicy whenFull, Duration shutdownTimeout) {

  public static final RecorderSettings DEFAULTS =
      new RecorderSettings(65_536, 4_096, QueueFullPolicy.BLOCK, Duration.ofSeconds(30));

  public RecorderSettings {
    if (capacity < 2 || batchSize < 1) {
      throw new IllegalArgumentException("capacity must be at least 2 and batch size at least 1");
    }
  }

  /** What {@code record} does when the queue is full. */
  public enum QueueFullPolicy {
    /** Wait for the writer to make room: nothing is lost, the caller slows down. */
    BLOCK,
    /** Drop the event and count it: the caller never waits. */
    DROP
  }
}
