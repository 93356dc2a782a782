package dev.tracemodule.api;

/** What kind of execution a trace observes. Written in JSON as {@code workflow_execution} etc. */
public enum TraceType {
  WORKFLOW_EXECUTION,
  MODULE_OPERATION,
  API_REQUEST,
  BACKGROUND_TASK,
  CUSTOM
}
