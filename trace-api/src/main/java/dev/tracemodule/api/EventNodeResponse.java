package dev.tracemodule.api;

import java.util.List;

/** An event with the events recorded under it, in the order they happened. */
public record EventNodeResponse(EventResponse event, List<EventNodeResponse> children) {}
