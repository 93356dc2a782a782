package dev.tracemodule.domain.trace;

import java.util.List;

/** An event with the events recorded under it, in the order they happened. */
public record EventNode(Event event, List<EventNode> children) {}
