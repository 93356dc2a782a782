package dev.tracemodule.api.twin;

/**
 * What registering or importing a type did.
 *
 * @param outcome {@code created}, {@code unchanged}, {@code updated} (new fields or descriptions
 *     in the same version) or {@code new_version}
 */
public record TypeRegistrationResponse(TwinTypeResponse type, Outcome outcome) {

  public enum Outcome {
    CREATED,
    UNCHANGED,
    UPDATED,
    NEW_VERSION
  }
}
