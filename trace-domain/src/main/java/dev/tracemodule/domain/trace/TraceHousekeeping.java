package dev.tracemodule.domain.trace;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Set-based upkeep of all tenants' traces, for scheduled jobs. Every operation is safe to run on
 * several server instances at once: none does anything twice.
 */
public interface TraceHousekeeping {

  /**
   * Ends as {@link TraceStatus#EXPIRED} at {@code now} up to {@code limit} active traces started
   * before {@code cutoff}, writing their event counts. Traces being written to at that moment are
   * skipped, and expire on a later run. Returns how many expired.
   */
  int expireStartedBefore(Instant cutoff, Instant now, int limit);

  /** Makes sure the event storage has a partition for every day from first to last; returns how many it made. */
  int preparePartitions(LocalDate first, LocalDate last);

  /**
   * Removes the traces started before the start of {@code firstKeptDay} (UTC) with their events;
   * events go by whole day partitions. Returns how many traces were removed.
   */
  long removeStartedBefore(LocalDate firstKeptDay);
}
