package dev.tracemodule.application.shared;

import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceStateException;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.StateConflictException;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * Turns the domain's exceptions into those of the public API, so callers of the service see only
 * types from {@code trace-api}.
 */
public final class DomainErrors {

  private DomainErrors() {}

  public static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (InvalidValueException e) {
      throw new InvalidInputException(
          e.violations().stream()
              .map(v -> new InvalidInputException.FieldViolation(v.field(), v.reason()))
              .sorted(Comparator.comparing(InvalidInputException.FieldViolation::field))
              .toList(),
          e);
    } catch (StateConflictException e) {
      throw new TraceStateException(e.getMessage(), e);
    }
  }
}
