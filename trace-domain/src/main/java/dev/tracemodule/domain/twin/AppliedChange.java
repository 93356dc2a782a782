package dev.tracemodule.domain.twin;

import java.util.Map;

/**
 * A change as it applied to its object: the revision it made, and for each field it named the
 * value before and after.
 *
 * @param typeVersionBefore the version the object was under before it; the change's own
 *     version after it
 */
public record AppliedChange(StateChange change, long revision, int typeVersionBefore, Map<String, FieldChange> fields) {

  public boolean upgraded() {
    return typeVersionBefore != change.typeVersion();
  }
}
