package dev.tracemodule.domain.shared;

/** The request is well formed but conflicts with the current state of an aggregate. */
public class StateConflictException extends DomainException {

  public StateConflictException(String message) {
    super(message);
  }
}
