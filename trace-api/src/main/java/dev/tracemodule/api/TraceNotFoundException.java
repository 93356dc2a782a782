package dev.tracemodule.api;

import java.util.UUID;

/** No trace with that id exists for the caller's tenant. */
public class TraceNotFoundException extends TraceModuleException {

  private final UUID traceId;

  public TraceNotFoundException(UUID traceId) {
    super("trace " + traceId + " does not exist", null);
    this.traceId = traceId;
  }

  public UUID traceId() {
    return traceId;
  }
}
