/**
 * Telemetry that arrives from OpenTelemetry (OTLP): spans and log records as decoded, and the
 * rules that turn them into traces and events. An OpenTelemetry trace becomes one Trace, its
 * spans events; spans of one trace may arrive in any order, over many requests.
 */
package dev.tracemodule.domain.telemetry;
