package dev.tracemodule.application.trace;

import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.application.shared.CurrentTenant;
import dev.tracemodule.application.shared.InputValidation;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.testing.InMemoryEventRepository;
import dev.tracemodule.domain.testing.InMemoryTraceRepository;
import dev.tracemodule.domain.trace.TraceId;
import java.time.Instant;
import java.util.UUID;

/**
 * The application layer wired by hand, as CDI wires it, over the in-memory repositories and a
 * clock that the test moves.
 */
public final class TraceModule {

  public final MutableClock clock;
  public final TraceManagementService service;
  public final RecordEventsHandler recordEvents;
  public final RecordedActivity activity = new RecordedActivity();
  private final InMemoryEventRepository events = new InMemoryEventRepository();

  public TraceModule(Instant start) {
    clock = new MutableClock(start);
    InMemoryTraceRepository traces = new InMemoryTraceRepository(events);
    recordEvents = new RecordEventsHandler(traces, events, clock, activity);
    service =
        new DefaultTraceManagementService(
            new CurrentTenant(),
            new InputValidation(),
            new TraceMapperImpl(),
            new CreateTraceHandler(traces, clock, activity),
            recordEvents,
            new CloseTraceHandler(traces, clock, activity),
            new DeleteTraceHandler(traces),
            new GetTraceHandler(traces, events, clock),
            new GetEventTreeHandler(traces, events),
            new FindTracesHandler(traces),
            new dev.tracemodule.application.query.QueryMapperImpl(),
            // Queries and aggregations are SQL: they are tested against PostgreSQL, not here.
            new dev.tracemodule.application.query.QueryTracesHandler(null),
            null, // metrics
            null, // dashboard
            null, // exports
            null, // twins
            null); // span search: twins and spans are tested against PostgreSQL
  }

  /** Events stored for the trace, read from the repository rather than through the service. */
  public int storedEventCount(UUID traceId) {
    return events.findByTrace(TenantId.DEFAULT, new TraceId(traceId)).size();
  }
}
