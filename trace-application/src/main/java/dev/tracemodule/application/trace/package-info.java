/**
 * The trace use cases, one handler each. A handler owns its transaction: it loads what it needs
 * through the repository ports, lets the aggregate apply its rules, and stores the result.
 */
package dev.tracemodule.application.trace;
