/**
 * The public contract of Trace Module: inject {@link dev.tracemodule.api.TraceManagementService}
 * and call it with the records of this package. Every failure is a {@link
 * dev.tracemodule.api.TraceModuleException}. Plain Java: this module depends on nothing.
 */
package dev.tracemodule.api;
