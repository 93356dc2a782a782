/**
 * The public contract of Trace Module: inject {@link dev.tracemodule.api.TraceManagementService}
 * and call it with the records of this package. Every failure is a {@link
 * dev.tracemodule.api.TraceModuleException} or, for arguments that break a Bean Validation
 * constraint, a {@link jakarta.validation.ConstraintViolationException}.
 */
package dev.tracemodule.api;
