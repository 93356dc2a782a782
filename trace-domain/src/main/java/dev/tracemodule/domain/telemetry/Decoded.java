package dev.tracemodule.domain.telemetry;

import java.util.List;

/**
 * What a body held: the items that could be read, and how many were refused with the first
 * reason (OTLP's partial success).
 */
public record Decoded<T>(List<T> items, int rejected, String rejectionReason) {

  public Decoded {
    items = List.copyOf(items);
  }
}
