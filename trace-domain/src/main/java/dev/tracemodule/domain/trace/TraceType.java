package dev.tracemodule.domain.trace;

/** What kind of execution a trace observes. */
public enum TraceType {
  WORKFLOW_EXECUTION,
  MODULE_OPERATION,
  API_REQUEST,
  BACKGROUND_TASK,
  CUSTOM
}
