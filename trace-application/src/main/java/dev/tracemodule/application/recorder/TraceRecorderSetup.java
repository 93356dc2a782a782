package dev.tracemodule.application.recorder;

import dev.tracemodule.api.TraceRecorder;
import dev.tracemodule.application.shared.CurrentTenant;
import dev.tracemodule.application.trace.RecordEventsHandler;
import dev.tracemodule.application.trace.TraceMapper;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Makes the {@link TraceRecorder} injectable: one per application, its writer on a container
 * managed thread, configured through MicroProfile Config, and closed (which writes everything
 * still queued) when the application stops.
 */
@ApplicationScoped
public class TraceRecorderSetup {

  @Inject RecordEventsHandler handler;
  @Inject TraceMapper mapper;
  @Inject CurrentTenant tenant;
  @Inject Clock clock;
  @Inject MetricRegistry registry;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "trace.recorder.capacity", defaultValue = "65536")
  int capacity;

  @Inject
  @ConfigProperty(name = "trace.recorder.batch-size", defaultValue = "4096")
  int batchSize;

  @Inject
  @ConfigProperty(name = "trace.recorder.queue-full", defaultValue = "block")
  String whenFull;

  @Inject
  @ConfigProperty(name = "trace.recorder.shutdown-timeout", defaultValue = "PT30S")
  Duration shutdownTimeout;

  @Produces
  @ApplicationScoped
  TraceRecorder recorder() {
    var settings =
        new RecorderSettings(capacity, batchSize, RecorderSettings.QueueFullPolicy.valueOf(whenFull.toUpperCase()), shutdownTimeout);
    var metrics = new MicroProfileRecorderMetrics(registry);
    AsyncTraceRecorder recorder =
        AsyncTraceRecorder.start(
            settings, new HandlerEventWriter(handler, mapper), metrics, tenant::get, clock, threads);
    metrics.watchQueue(registry, recorder);
    return recorder;
  }

  void close(@Disposes TraceRecorder recorder) {
    if (recorder instanceof AsyncTraceRecorder closeable) {
      closeable.close();
    }
  }
}
