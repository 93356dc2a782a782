package dev.tracemodule.domain.twin;

/** Looks up the registered versions of types, for changes written under one of them. */
@FunctionalInterface
public interface TypeVersions {

  /** The type as registered in {@code version}; it must exist. */
  TwinType version(TwinTypeName name, int version);
}
