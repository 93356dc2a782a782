package dev.tracemodule.api.twin;

import java.time.Instant;
import java.util.List;

/** The fields whose values differ between two instants of an object's history. */
public record TwinDiffResponse(String objectId, Instant from, Instant to, long fromRevision, long toRevision,
    List<FieldDifference> differences) {

  /** A field's value at {@code from} and at {@code to}; absent in one of the versions: null. */
  public record FieldDifference(String field, Object from, Object to) {}
}
