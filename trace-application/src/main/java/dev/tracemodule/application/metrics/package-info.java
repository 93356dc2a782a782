/** The module's own MicroProfile Metrics, and the metrics and dashboards it computes from traces. */
package dev.tracemodule.application.metrics;
