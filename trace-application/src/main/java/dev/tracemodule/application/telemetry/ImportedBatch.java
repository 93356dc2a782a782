package dev.tracemodule.application.telemetry;

/**
 * What an OTLP request did.
 *
 * @param accepted spans or log records taken (those sent before, and so stored already, included)
 * @param rejected those refused, with the first reason
 */
public record ImportedBatch(int accepted, int rejected, String rejectionReason, int eventsStored) {}
