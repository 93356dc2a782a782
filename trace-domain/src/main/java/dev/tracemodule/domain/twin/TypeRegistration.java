package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.StateConflictException;
import java.util.Optional;

/**
 * What registering a type definition does to the registry, given the version registered so far.
 *
 * @param registered the version as it stands afterwards
 */
public record TypeRegistration(TwinType registered, Outcome outcome) {

  public enum Outcome {
    /** The first version of a new type. */
    CREATED,
    /** The definition is the registered one; nothing was written. */
    UNCHANGED,
    /** The latest version took new fields with defaults, or new descriptions. */
    UPDATED,
    /** A field was removed or changed: a new version. */
    NEW_VERSION
  }

  /** Registers {@code proposed} (whatever its version number) over the latest version. */
  public static TypeRegistration of(TwinType proposed, Optional<TwinType> latest) {
    if (latest.isEmpty()) {
      return new TypeRegistration(proposed.asVersion(1), Outcome.CREATED);
    }
    TwinType current = latest.get();
    return switch (current.compare(proposed)) {
      case SAME -> new TypeRegistration(current, Outcome.UNCHANGED);
      case DESCRIBED_ANEW, EXTENDS -> new TypeRegistration(proposed.asVersion(current.version()), Outcome.UPDATED);
      case NEW_VERSION -> new TypeRegistration(proposed.asVersion(current.version() + 1), Outcome.NEW_VERSION);
    };
  }

  /**
   * Imports a version as a registry document states it, keeping its number: it fills a version
   * missing here, extends one registered here, or agrees with it. A document that says otherwise
   * of a registered version is refused.
   */
  public static TypeRegistration imported(TwinType documented, Optional<TwinType> stored) {
    if (stored.isEmpty()) {
      return new TypeRegistration(documented, Outcome.CREATED);
    }
    TwinType here = stored.get();
    return switch (here.compare(documented)) {
      case SAME -> new TypeRegistration(here, Outcome.UNCHANGED);
      case DESCRIBED_ANEW, EXTENDS -> new TypeRegistration(documented, Outcome.UPDATED);
      case NEW_VERSION -> {
        if (documented.compare(here) == TwinType.Comparison.EXTENDS) {
          yield new TypeRegistration(here, Outcome.UNCHANGED); // registered here with more fields since
        }
        throw new StateConflictException(here + " is registered with other fields than the document gives it");
      }
    };
  }
}
