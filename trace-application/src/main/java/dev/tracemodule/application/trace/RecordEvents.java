package dev.tracemodule.application.trace;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.NewEvent;
import dev.tracemodule.domain.trace.TraceId;
import java.util.List;

/**
 * Events to record in one trace, all or nothing.
 *
 * @param batch whether the caller sent a list, so errors name the item ({@code events[3].type})
 */
public record RecordEvents(TenantId tenantId, TraceId traceId, List<NewEvent> events, boolean batch) {

  public RecordEvents {
    events = List.copyOf(events);
  }

  /** Where the fields of the {@code index}th event are, as the caller wrote them. */
  String prefix(int index) {
    return batch ? "events[" + index + "]." : "";
  }
}
