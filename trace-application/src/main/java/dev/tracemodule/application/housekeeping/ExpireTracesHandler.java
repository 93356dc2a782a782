package dev.tracemodule.application.housekeeping;

import dev.tracemodule.domain.trace.TraceHousekeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Ends as expired the traces that stayed active longer than the timeout. */
@ApplicationScoped
public class ExpireTracesHandler {

  /** Traces expired per transaction: keeps locks and the transaction short. */
  static final int CHUNK = 5_000;

  private TraceHousekeeping housekeeping;
  private Clock clock;

  protected ExpireTracesHandler() {}

  @Inject
  public ExpireTracesHandler(TraceHousekeeping housekeeping, Clock clock) {
    this.housekeeping = housekeeping;
    this.clock = clock;
  }

  /** Expires one chunk; returns how many traces it expired. */
  @Transactional
  public int handle(Duration timeout) {
    Instant now = clock.instant();
    return housekeeping.expireStartedBefore(now.minus(timeout), now, CHUNK);
  }
}
