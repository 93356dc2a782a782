package dev.tracemodule.api.twin;

/**
 * A field of an object type.
 *
 * @param name letters, digits and '_', starting with a letter or '_'
 * @param type {@code integer}, {@code decimal}, {@code string}, {@code boolean}, {@code timestamp},
 *     {@code list<T>} or {@code map<T>} (string keys to T), nested as needed
 * @param defaultValue the value an object starts with; required unless {@code nullable}
 * @param nullable whether the field may hold null (its default then, unless one is given)
 */
public record TwinFieldDefinition(String name, String type, Object defaultValue, Boolean nullable,
    String description) {}
