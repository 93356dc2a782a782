package dev.tracemodule.application.trace;

import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceEvents;
import dev.tracemodule.domain.trace.TraceSummary;

/** A trace read together with its events, and what they add up to. */
public record TraceDetails(Trace trace, TraceEvents events, TraceSummary summary) {}
