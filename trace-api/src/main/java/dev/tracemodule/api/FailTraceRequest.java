package dev.tracemodule.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a trace failed. */
public record FailTraceRequest(@NotBlank @Size(max = 4000) String reason) {}
