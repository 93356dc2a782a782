package dev.tracemodule.api;

/**
 * The request conflicts with the trace's state: a transition from a final status, or an event for
 * a trace that has ended.
 */
public class TraceStateException extends TraceModuleException {

  public TraceStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
