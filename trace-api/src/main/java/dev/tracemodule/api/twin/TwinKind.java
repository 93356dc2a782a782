package dev.tracemodule.api.twin;

/** An object type (with state) or a process type (a kind of workflow, no state). */
public enum TwinKind {
  OBJECT,
  PROCESS
}
