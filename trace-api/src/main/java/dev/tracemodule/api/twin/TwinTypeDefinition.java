package dev.tracemodule.api.twin;

import java.util.List;

/**
 * A type to register. Registering it again unchanged does nothing; with new fields that have
 * defaults it extends its version; with a field removed or changed (type, default,
 * nullability) it becomes a new version. Objects keep the version each change was written with.
 *
 * @param name letters, digits, '_', '.' and '-', starting with a letter, at most 128
 * @param kind {@code object} by default; a {@code process} type has no fields
 */
public record TwinTypeDefinition(String name, TwinKind kind, String description, List<TwinFieldDefinition> fields) {}
