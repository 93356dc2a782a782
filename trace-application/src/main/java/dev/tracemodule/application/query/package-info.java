/** The use cases that read many traces at once: queries and aggregations. */
package dev.tracemodule.application.query;
