package dev.tracemodule.application.housekeeping;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs expiry and retention on a schedule, on every server instance: the work itself is
 * set-based and takes its own locks, so instances running it at once do no harm.
 */
@ApplicationScoped
public class HousekeepingJobs {

  private static final Logger LOG = Logger.getLogger(HousekeepingJobs.class.getName());

  @Inject ExpireTracesHandler expiry;
  @Inject RetentionHandler retention;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "trace.expiry.timeout", defaultValue = "PT24H")
  Duration expiryTimeout;

  @Inject
  @ConfigProperty(name = "trace.expiry.interval", defaultValue = "PT1M")
  Duration expiryInterval;

  @Inject
  @ConfigProperty(name = "trace.retention.period-days", defaultValue = "30")
  int retentionDays;

  @Inject
  @ConfigProperty(name = "trace.retention.interval", defaultValue = "PT1H")
  Duration retentionInterval;

  @Inject
  @ConfigProperty(name = "trace.partitions.days-ahead", defaultValue = "7")
  int partitionDaysAhead;

  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

  // After the schema migration, which observes the same event at the default priority.
  void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) @Initialized(ApplicationScoped.class) Object started) {
    if (retentionDays < 1) {
      throw new IllegalStateException("trace.retention.period-days must be at least 1, not " + retentionDays);
    }
    scheduled.add(every(retentionInterval, "retention", this::keepStorage));
    scheduled.add(every(expiryInterval, "expiry", this::expire));
  }

  @PreDestroy
  void stop() {
    scheduled.forEach(job -> job.cancel(false));
  }

  /** Expires every due trace, a chunk per transaction. */
  void expire() {
    int expired;
    int total = 0;
    do {
      expired = expiry.handle(expiryTimeout);
      total += expired;
    } while (expired == ExpireTracesHandler.CHUNK);
    if (total > 0) {
      int count = total;
      LOG.info(() -> "expired " + count + " traces active for longer than " + expiryTimeout);
    }
  }

  void keepStorage() {
    int made = retention.preparePartitions(partitionDaysAhead);
    long removed = retention.removeExpired(retentionDays);
    if (made > 0 || removed > 0) {
      LOG.info("event partitions made: " + made + "; traces removed after " + retentionDays + " days: " + removed);
    }
  }

  private ScheduledFuture<?> every(Duration interval, String name, Runnable job) {
    Runnable guarded =
        () -> {
          try {
            job.run();
          } catch (RuntimeException e) {
            // The next run tries again; a failing job must not stop its schedule.
            LOG.log(Level.WARNING, "the " + name + " job failed; it runs again in " + interval, e);
          }
        };
    return scheduler.scheduleWithFixedDelay(guarded, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }
}
