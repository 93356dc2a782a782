/**
 * The trace aggregate: a {@link dev.tracemodule.domain.trace.Trace} is one execution being
 * observed, and its {@link dev.tracemodule.domain.trace.Event}s are what happened during it.
 *
 * <p>A trace is {@code active} until it is completed, failed, cancelled or expired; every one of
 * those is final. Events are recorded only while the trace is active and never change once
 * written. Events refer to their trace and their parent event by id, so that a trace with a
 * million events never has to be loaded whole to record one more.
 */
package dev.tracemodule.domain.trace;
