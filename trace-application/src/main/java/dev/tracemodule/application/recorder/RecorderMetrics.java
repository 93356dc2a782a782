package dev.tracemodule.application.recorder;

import java.time.Duration;

/** What the recorder reports about itself; see {@link MicroProfileRecorderMetrics}. */
public interface RecorderMetrics {

  /** An event went on the queue. Called on the recording thread: keep it cheap. */
  void accepted();

  /** An event was dropped because the queue was full, or the recorder closed. */
  void dropped(int events);

  /** A batch was written: how many events it stored, how many it rejected, and how long it took. */
  void written(int stored, int rejected, Duration took);
}
