package dev.tracemodule.api;

import dev.tracemodule.api.twin.ObjectTwins;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Create traces, record what happens in them, end them and read them back.
 *
 * <p>Inject it with CDI. Every method runs in its own transaction (or joins the caller's) and,
 * once it returns, what it wrote is durable. Failures: {@link TraceNotFoundException}, {@link
 * TraceStateException}, and {@link InvalidInputException} naming every field at fault (the rules
 * are documented on the request records). No argument may be null. The ObjectTwins operations of
 * {@link ObjectTwins} are here too.
 */
public interface TraceManagementService extends ObjectTwins {

  /** Maximum events in one {@code recordEvents} call. */
  int MAX_BATCH_SIZE = 10_000;

  TraceResponse createTrace(CreateTraceRequest request);

  /**
   * Records one event in an active trace. Idempotent when the event carries a client-chosen id:
   * if that event is stored already, it is returned and nothing is written.
   */
  EventResponse recordEvent(UUID traceId, RecordEventRequest request);

  /**
   * Records events of one trace, all or nothing. An event may name as parent an event recorded
   * earlier or one earlier in the same batch (by its client-chosen id). Retries are safe: events
   * whose client-chosen ids are stored already are reported as such and not written again, even
   * once the trace has ended; new events need an active trace.
   */
  RecordedEvents recordEvents(UUID traceId, List<RecordEventRequest> events);

  /**
   * Records events of many traces in one transaction, all or nothing; each event names its
   * trace, and a parent must be in the same trace. The rules and the retry behaviour are those of
   * {@link #recordEvents(UUID, List)}; an unknown trace is an invalid {@code events[i].traceId}.
   */
  RecordedEvents recordEvents(List<TraceEventRequest> events);

  TraceResponse completeTrace(UUID traceId);

  TraceResponse failTrace(UUID traceId, FailTraceRequest request);

  TraceResponse cancelTrace(UUID traceId);

  /** The trace with its events and their summary. */
  TraceDetailsResponse getTrace(UUID traceId);

  /** The trace's events as a forest: events without a parent at the top. */
  List<EventNodeResponse> getEventTree(UUID traceId);

  TracePageResponse queryTraces(TraceQuery query);

  /**
   * Finds traces and aggregates them, both in the database.
   *
   * @param filter which traces; {@link TraceFilter#all()} for every one
   * @param aggregation null for none
   * @param page null for the newest 20
   */
  TraceQueryResult queryTraces(TraceFilter filter, TraceAggregation aggregation, TracePageRequest page);

  /**
   * Figures over the traces started in {@code range}, computed by the database, and the
   * answering server's own. Null or empty {@code types}: all of them.
   */
  MetricsResponse getMetrics(TimeRange range, Set<MetricType> types);

  /**
   * A dashboard over the traces started in {@code range}: summary, a time series per metric in
   * buckets of {@code groupBy} ({@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}), top errors and
   * trends. Null or empty {@code metrics}: all of them; null {@code groupBy}: {@code 1h}.
   */
  DashboardResponse getDashboardData(TimeRange range, Set<DashboardMetric> metrics, String groupBy);

  /**
   * How {@code request}'s file would be delivered; checks the request without exporting
   * anything, so that a caller can answer with an error before it starts streaming.
   */
  ExportDescription describeExport(ExportRequest request);

  /**
   * Writes the export to {@code out} as it reads it, in one transaction; {@code out} is not
   * closed. For exports that are small enough to wait for.
   */
  void exportTraces(ExportRequest request, OutputStream out) throws IOException;

  /** Starts the export as a background job, whose progress {@link #getExport} reports. */
  ExportJobResponse exportTraces(ExportRequest request);

  ExportJobResponse getExport(UUID exportId);

  /** The file of a done export; a job not done yet is a {@link TraceStateException}. */
  ExportFile exportFile(UUID exportId);

  /**
   * Cancels a queued or running export, removing its partial file, and returns it; or deletes a
   * finished one with its file, and returns empty.
   */
  Optional<ExportJobResponse> cancelExport(UUID exportId);

  /**
   * Spans imported over OTLP, across traces: by service, name, attribute values, duration and
   * status, in a window of at most 31 days (the last hour unless the query names one).
   */
  SpanPageResponse findSpans(SpanQuery query);

  /** Deletes the trace and all its events. */
  void deleteTrace(UUID traceId);
}
