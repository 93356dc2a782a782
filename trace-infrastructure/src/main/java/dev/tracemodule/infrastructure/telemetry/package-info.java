/** OTLP decoding: protobuf and OTLP's JSON mapping, through the messages OpenTelemetry generates. */
package dev.tracemodule.infrastructure.telemetry;
