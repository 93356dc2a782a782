package dev.tracemodule.domain.telemetry;

/** How an OTLP body is encoded. */
public enum TelemetryFormat {
  /** {@code application/x-protobuf}. */
  PROTOBUF,
  /** {@code application/json}: OTLP's JSON mapping, with ids in hex. */
  JSON
}
