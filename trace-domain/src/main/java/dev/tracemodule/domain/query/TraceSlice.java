package dev.tracemodule.domain.query;

import dev.tracemodule.domain.trace.Trace;
import java.util.List;

/**
 * Traces of a listing. {@code totalItems} is known for page-number listings only (null after a
 * cursor); {@code next} is the cursor of the following slice, null when there is none or when
 * the listing is not sorted in a way a cursor can follow.
 */
public record TraceSlice(List<Trace> items, Long totalItems, PageCursor next) {

  public TraceSlice {
    items = List.copyOf(items);
  }
}
