package dev.tracemodule.application.recorder;

import dev.tracemodule.domain.shared.TenantId;
import java.util.List;

/** Stores a batch of queued events of one tenant in one transaction; see {@link HandlerEventWriter}. */
@FunctionalInterface
public interface EventWriter {

  /**
   * Stores what it can; an event that breaks a rule or whose trace is unknown or has ended is
   * rejected alone. Throws when the batch could not be written at all (then nothing was).
   */
  Written write(TenantId tenantId, List<QueuedEvent> events);

  /** How many events were stored (now or by an earlier attempt) and how many rejected. */
  record Written(int stored, int rejected) {}
}
