package dev.tracemodule.api.twin;

import java.util.List;

/** A registered type in one version. */
public record TwinTypeResponse(String name, int version, TwinKind kind, String description,
    List<TwinFieldDefinition> fields) {}
