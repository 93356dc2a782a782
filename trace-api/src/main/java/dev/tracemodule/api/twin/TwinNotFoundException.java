package dev.tracemodule.api.twin;

import dev.tracemodule.api.TraceModuleException;

/** No such object, or it had no state yet at the instant asked for; or no such type. */
public class TwinNotFoundException extends TraceModuleException {

  public TwinNotFoundException(String message) {
    super(message, null);
  }
}
