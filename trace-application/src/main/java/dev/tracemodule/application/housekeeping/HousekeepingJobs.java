package dev.tracemodule.application.housekeeping;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
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
  @Inject dev.tracemodule.application.export.ExportRunner exports;

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

  /**
   * Schedules the jobs on {@code scheduler}, which the web module passes in: a container-managed
   * executor, whose threads see the application's resources. Each job runs once at once.
   */
  public synchronized void start(ScheduledExecutorService scheduler) {
    if (retentionDays < 1) {
      throw new IllegalStateException("trace.retention.period-days must be at least 1, not " + retentionDays);
    }
    if (!scheduled.isEmpty()) {
      return;
    }
    scheduled.add(every(scheduler, retentionInterval, "retention", this::keepStorage));
    scheduled.add(every(scheduler, expiryInterval, "expiry", this::expire));
    scheduled.add(every(scheduler, expiryInterval, "export upkeep", exports::upkeep));
  }

  @PreDestroy
  synchronized void stop() {
    scheduled.forEach(job -> job.cancel(false));
    scheduled.clear();
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

  private static ScheduledFuture<?> every(
      ScheduledExecutorService scheduler, Duration interval, String name, Runnable job) {
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
