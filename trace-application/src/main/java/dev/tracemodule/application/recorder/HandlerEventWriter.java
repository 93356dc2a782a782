package dev.tracemodule.application.recorder;

import dev.tracemodule.application.trace.EventsRecorded;
import dev.tracemodule.application.trace.RecordEvents;
import dev.tracemodule.application.trace.RecordEvents.TracedEvent;
import dev.tracemodule.application.trace.RecordEventsHandler;
import dev.tracemodule.application.trace.TraceMapper;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes recorded events through the same use case as the service, so they obey the same rules
 * and take the same bulk path; what breaks a rule is rejected and logged, never thrown back.
 */
public final class HandlerEventWriter implements EventWriter {

  private static final Logger LOG = Logger.getLogger(HandlerEventWriter.class.getName());

  private final RecordEventsHandler handler;
  private final TraceMapper mapper;

  public HandlerEventWriter(RecordEventsHandler handler, TraceMapper mapper) {
    this.handler = handler;
    this.mapper = mapper;
  }

  @Override
  public Written write(TenantId tenantId, List<QueuedEvent> events) {
    List<TracedEvent> valid = new ArrayList<>(events.size());
    List<String> reasons = new ArrayList<>();
    for (QueuedEvent queued : events) {
      try {
        valid.add(new TracedEvent(new TraceId(queued.traceId()), mapper.toNewEvent(queued.event())));
      } catch (InvalidValueException e) {
        reasons.add("event " + queued.event().id() + " of trace " + queued.traceId() + ": " + e.getMessage());
      }
    }
    EventsRecorded outcome = handler.handle(new RecordEvents(tenantId, valid, RecordEvents.Shape.RECORDED_IN_PROCESS));
    outcome.rejected().forEach(r -> reasons.add("event " + valid.get(r.index()).event().id() + " of trace "
        + valid.get(r.index()).traceId().value() + ": " + r.reason()));
    if (!reasons.isEmpty()) {
      // One line per batch: a caller that gets every event wrong must not flood the log.
      LOG.warning(() -> "Rejected " + reasons.size() + " recorded events, for example " + reasons.get(0));
    }
    int stored = outcome.recorded().size() + outcome.alreadyRecorded().size();
    return new Written(stored, reasons.size());
  }
}
