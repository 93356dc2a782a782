package dev.tracemodule.application.housekeeping;

import dev.tracemodule.domain.trace.TraceHousekeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keeps the event storage ready ahead of time and within its retention: makes tomorrow's
 * partitions, drops those past the retention period with their traces.
 */
@ApplicationScoped
public class RetentionHandler {

  private TraceHousekeeping housekeeping;
  private Clock clock;

  protected RetentionHandler() {}

  @Inject
  public RetentionHandler(TraceHousekeeping housekeeping, Clock clock) {
    this.housekeeping = housekeeping;
    this.clock = clock;
  }

  /** Partitions from yesterday to {@code daysAhead} days on; returns how many were made. */
  @Transactional
  public int preparePartitions(int daysAhead) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return housekeeping.preparePartitions(today.minusDays(1), today.plusDays(daysAhead));
  }

  /** Removes traces started more than {@code retentionDays} whole days ago; returns how many. */
  @Transactional
  public long removeExpired(int retentionDays) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return housekeeping.removeStartedBefore(today.minusDays(retentionDays));
  }
}
