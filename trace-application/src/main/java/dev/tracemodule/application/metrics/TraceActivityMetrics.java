package dev.tracemodule.application.metrics;

import dev.tracemodule.application.metrics.TraceActivity.EventsStored;
import dev.tracemodule.application.metrics.TraceActivity.TraceEnded;
import dev.tracemodule.application.metrics.TraceActivity.TraceStarted;
import dev.tracemodule.application.shared.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts what the use cases did, at {@code /metrics}: traces created by type, events by level,
 * traces ended by status, trace durations. Counted after commit, per server instance.
 */
@ApplicationScoped
public class TraceActivityMetrics {

  static final String CREATED = "trace.traces.created";
  static final String EVENTS = "trace.events.recorded";
  static final String ENDED = "trace.traces.ended";
  static final String DURATION = "trace.duration";

  static final String ACTIVE = "trace.traces.active";
  /** A scrape reads the active count at most this often; the database is asked no more. */
  static final long ACTIVE_REFRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  @Inject MetricRegistry registry;
  @Inject ActiveTraces activeTraces;
  @Inject CurrentTenant tenant;

  private volatile long activeCount;
  private volatile long activeReadAt = System.nanoTime() - ACTIVE_REFRESH_NANOS;

  void register(@Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class) Object started) {
    registry.gauge(
        Metadata.builder().withName(ACTIVE).withDescription("Traces active now, from the database").build(),
        this::active);
  }

  private long active() {
    if (System.nanoTime() - activeReadAt >= ACTIVE_REFRESH_NANOS) {
      try {
        activeCount = activeTraces.count(tenant.get());
      } catch (RuntimeException e) {
        // A scrape while the database is away shows the last count rather than failing.
      }
      activeReadAt = System.nanoTime();
    }
    return activeCount;
  }

  void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) TraceActivity activity) {
    if (activity instanceof TraceStarted started) {
      registry.counter(CREATED, tag("type", started.type())).inc();
    } else if (activity instanceof EventsStored stored) {
      stored.byLevel().forEach((level, count) -> registry.counter(EVENTS, tag("level", level)).inc(count));
    } else if (activity instanceof TraceEnded ended) {
      registry.counter(ENDED, tag("status", ended.status())).inc();
      registry
          .histogram(
              Metadata.builder().withName(DURATION).withDescription("How long traces ran, by type")
                  .withUnit(MetricUnits.MILLISECONDS).build(),
              tag("type", ended.type()))
          .update(Math.round(ended.durationMs()));
    }
  }

  private static Tag tag(String name, Enum<?> value) {
    return new Tag(name, value.name().toLowerCase(Locale.ROOT));
  }
}
