package dev.tracemodule.domain.shared;

/** A domain rule was broken. Subclasses say whether by a value or by the state of an aggregate. */
public abstract class DomainException extends RuntimeException {

  protected DomainException(String message) {
    super(message);
  }
}
