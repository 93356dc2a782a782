/** Telemetry in: OTLP spans and log records become traces and events, through the bulk path. */
package dev.tracemodule.application.telemetry;
