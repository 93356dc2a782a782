package dev.tracemodule.api;

/** Severity of an event, in increasing order; error and critical count as errors. */
public enum EventLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR,
  CRITICAL
}
