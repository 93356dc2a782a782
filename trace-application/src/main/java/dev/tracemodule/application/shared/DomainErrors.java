package dev.tracemodule.application.shared;

import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceStateException;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.StateConflictException;
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
          java.util.List.of(new InvalidInputException.FieldViolation(e.field(), e.reason())), e);
    } catch (StateConflictException e) {
      throw new TraceStateException(e.getMessage(), e);
    }
  }
}
