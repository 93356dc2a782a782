package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.StateConflictException;

/** An event was offered to, or a transition asked of, a trace that has already ended. */
public class TraceNotActiveException extends StateConflictException {

  private final TraceId traceId;
  private final TraceStatus status;

  public TraceNotActiveException(TraceId traceId, TraceStatus status, String attempted) {
    super("trace " + traceId + " is " + status.wireName() + "; it cannot " + attempted);
    this.traceId = traceId;
    this.status = status;
  }

  public TraceId traceId() {
    return traceId;
  }

  public TraceStatus status() {
    return status;
  }
}
