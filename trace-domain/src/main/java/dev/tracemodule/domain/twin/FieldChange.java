package dev.tracemodule.domain.twin;

/** A field's value before a change and after it. */
public record FieldChange(Object before, Object after) {}
