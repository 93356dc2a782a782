package dev.tracemodule.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Create traces, record what happens in them, end them and read them back.
 *
 * <p>Inject it with CDI. Every method runs in its own transaction (or joins the caller's) and,
 * once it returns, what it wrote is durable. Failures: {@link TraceNotFoundException}, {@link
 * TraceStateException}, {@link InvalidInputException}, and {@link
 * jakarta.validation.ConstraintViolationException} for arguments that break the constraints
 * declared here.
 */
public interface TraceManagementService {

  /** Maximum events in one {@link #recordEvents} call. */
  int MAX_BATCH_SIZE = 10_000;

  TraceResponse createTrace(@NotNull @Valid CreateTraceRequest request);

  /** Records one event in an active trace. */
  EventResponse recordEvent(@NotNull UUID traceId, @NotNull @Valid RecordEventRequest request);

  /**
   * Records events of one active trace, all or nothing. An event may name as parent an event
   * recorded earlier or one earlier in the same batch (by its client-chosen id).
   */
  List<EventResponse> recordEvents(
      @NotNull UUID traceId,
      @NotEmpty @Size(max = MAX_BATCH_SIZE) List<@NotNull @Valid RecordEventRequest> events);

  TraceResponse completeTrace(@NotNull UUID traceId);

  TraceResponse failTrace(@NotNull UUID traceId, @NotNull @Valid FailTraceRequest request);

  TraceResponse cancelTrace(@NotNull UUID traceId);

  /** The trace with its events and their summary. */
  TraceDetailsResponse getTrace(@NotNull UUID traceId);

  /** The trace's events as a forest: events without a parent at the top. */
  List<EventNodeResponse> getEventTree(@NotNull UUID traceId);

  TracePageResponse queryTraces(@NotNull @Valid TraceQuery query);

  /** Deletes the trace and all its events. */
  void deleteTrace(@NotNull UUID traceId);
}
