package dev.tracemodule.domain.twin;

/** What a registered type describes: objects with state, or a kind of workflow (no state). */
public enum TwinKind {
  OBJECT,
  PROCESS
}
