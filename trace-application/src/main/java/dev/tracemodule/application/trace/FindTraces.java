package dev.tracemodule.application.trace;

import dev.tracemodule.domain.trace.PageRequest;
import dev.tracemodule.domain.trace.TraceCriteria;

public record FindTraces(TraceCriteria criteria, PageRequest page) {}
