package dev.tracemodule.domain.trace;

import dev.tracemodule.domain.shared.StateConflictException;

/** An event to add is stored already (same tenant, trace and id); none of the call's were added. */
public class DuplicateEventException extends StateConflictException {

  public DuplicateEventException(String message) {
    super(message);
  }
}
