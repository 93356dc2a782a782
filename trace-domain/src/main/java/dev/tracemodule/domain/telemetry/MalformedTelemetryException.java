package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.shared.DomainException;

/** A body that is not an OTLP message in the encoding it claims. */
public class MalformedTelemetryException extends DomainException {

  public MalformedTelemetryException(String message) {
    super(message);
  }
}
