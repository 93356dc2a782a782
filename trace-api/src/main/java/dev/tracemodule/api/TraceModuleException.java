package dev.tracemodule.api;

/** Every failure Trace Module reports to its callers. */
public abstract class TraceModuleException extends RuntimeException {

  protected TraceModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
