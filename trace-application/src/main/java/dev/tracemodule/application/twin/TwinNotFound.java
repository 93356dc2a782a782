package dev.tracemodule.application.twin;

import dev.tracemodule.api.twin.TwinNotFoundException;
import dev.tracemodule.domain.shared.ObjectId;
import java.time.Instant;

/** The not-found answers of the twin use cases. */
final class TwinNotFound {

  private TwinNotFound() {}

  static TwinNotFoundException object(ObjectId id) {
    return new TwinNotFoundException("object " + id + " does not exist");
  }

  static TwinNotFoundException objectAt(ObjectId id, Instant at) {
    return new TwinNotFoundException("object " + id + " had no state yet at " + at);
  }
}
