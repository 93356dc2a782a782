package dev.tracemodule.api;


/** Why a trace failed: required, at most 4,000 characters. */
public record FailTraceRequest(String reason) {}
