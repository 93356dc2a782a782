package dev.tracemodule.application.trace;

import static dev.tracemodule.application.shared.DomainErrors.translated;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventNodeResponse;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.FailTraceRequest;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.RecordedEvents;
import dev.tracemodule.api.TraceDetailsResponse;
import dev.tracemodule.api.TraceEventRequest;
import dev.tracemodule.api.DashboardMetric;
import dev.tracemodule.api.ExportDescription;
import dev.tracemodule.api.ExportFile;
import dev.tracemodule.api.ExportJobResponse;
import dev.tracemodule.api.ExportRequest;
import dev.tracemodule.application.export.ExportUseCases;
import dev.tracemodule.application.telemetry.FindSpansHandler;
import dev.tracemodule.application.twin.TwinUseCases;
import dev.tracemodule.api.SpanPageResponse;
import dev.tracemodule.api.SpanQuery;
import dev.tracemodule.api.twin.StateChangeRequest;
import dev.tracemodule.api.twin.StateChangeResponse;
import dev.tracemodule.api.twin.TraceTwinResponse;
import dev.tracemodule.api.twin.TwinAnchor;
import dev.tracemodule.api.twin.TwinDiffResponse;
import dev.tracemodule.api.twin.TwinHistoryResponse;
import dev.tracemodule.api.twin.TwinPageResponse;
import dev.tracemodule.api.twin.TwinRegistryDocument;
import dev.tracemodule.api.twin.TwinStateResponse;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import dev.tracemodule.api.twin.TwinTypeResponse;
import dev.tracemodule.api.twin.TypeRegistrationResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import dev.tracemodule.api.DashboardResponse;
import dev.tracemodule.api.MetricType;
import dev.tracemodule.api.MetricsResponse;
import dev.tracemodule.api.TimeRange;
import dev.tracemodule.api.TraceAggregation;
import dev.tracemodule.application.metrics.GetDashboardHandler;
import dev.tracemodule.application.metrics.GetMetricsHandler;
import dev.tracemodule.api.TraceFilter;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TracePageRequest;
import dev.tracemodule.api.TraceQueryResult;
import dev.tracemodule.application.query.QueryMapper;
import dev.tracemodule.application.query.QueryTracesHandler;
import dev.tracemodule.application.query.TracesFound;
import dev.tracemodule.api.TracePageResponse;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.application.shared.CurrentTenant;
import dev.tracemodule.application.shared.InputValidation;
import dev.tracemodule.domain.trace.TraceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The CDI implementation of {@link TraceManagementService}: it maps each call to a command or
 * query, hands it to that use case's handler, and maps the answer back. No rules live here.
 */
@ApplicationScoped
public class DefaultTraceManagementService implements TraceManagementService {

  private CurrentTenant tenant;
  private InputValidation input;
  private TraceMapper mapper;
  private CreateTraceHandler createTrace;
  private RecordEventsHandler recordEvents;
  private CloseTraceHandler closeTrace;
  private DeleteTraceHandler deleteTrace;
  private GetTraceHandler getTrace;
  private GetEventTreeHandler getEventTree;
  private FindTracesHandler findTraces;
  private QueryMapper queryMapper;
  private QueryTracesHandler queryTraces;
  private GetMetricsHandler getMetrics;
  private GetDashboardHandler getDashboard;
  private ExportUseCases exports;
  private TwinUseCases twins;
  private FindSpansHandler findSpans;

  protected DefaultTraceManagementService() {}

  @Inject
  public DefaultTraceManagementService(
      CurrentTenant tenant,
      InputValidation input,
      TraceMapper mapper,
      CreateTraceHandler createTrace,
      RecordEventsHandler recordEvents,
      CloseTraceHandler closeTrace,
      DeleteTraceHandler deleteTrace,
      GetTraceHandler getTrace,
      GetEventTreeHandler getEventTree,
      FindTracesHandler findTraces,
      QueryMapper queryMapper,
      QueryTracesHandler queryTraces,
      GetMetricsHandler getMetrics,
      GetDashboardHandler getDashboard,
      ExportUseCases exports,
      TwinUseCases twins,
      FindSpansHandler findSpans) {
    this.tenant = tenant;
    this.input = input;
    this.mapper = mapper;
    this.createTrace = createTrace;
    this.recordEvents = recordEvents;
    this.closeTrace = closeTrace;
    this.deleteTrace = deleteTrace;
    this.getTrace = getTrace;
    this.getEventTree = getEventTree;
    this.findTraces = findTraces;
    this.queryMapper = queryMapper;
    this.queryTraces = queryTraces;
    this.getMetrics = getMetrics;
    this.getDashboard = getDashboard;
    this.exports = exports;
    this.twins = twins;
    this.findSpans = findSpans;
  }

  @Override
  public TraceResponse createTrace(CreateTraceRequest request) {
    return translated(
        () ->
            mapper.toResponse(
                createTrace.handle(new CreateTrace(tenant.get(),
                    mapper.toNewTrace(inCallersTrace(input.present("body", request)))))));
  }

  /** The request, in the caller's OpenTelemetry trace unless it names one. */
  private static CreateTraceRequest inCallersTrace(CreateTraceRequest request) {
    CallerTrace.Ids caller = request.otelTraceId() == null ? CallerTrace.current() : null;
    return caller == null ? request : new CreateTraceRequest(request.contextId(), request.executionId(), request.type(),
        request.name(), request.description(), request.metadata(), request.tags(), caller.traceId(), caller.spanId());
  }

  @Override
  public EventResponse recordEvent(UUID traceId, RecordEventRequest request) {
    return translated(
        () -> {
          var command =
              RecordEvents.ofTrace(
                  tenant.get(),
                  traceId(traceId),
                  List.of(mapper.toNewEvent(input.present("body", request))),
                  RecordEvents.Shape.ONE);
          EventsRecorded outcome = recordEvents.handle(command);
          // A retry returns the event the first attempt stored.
          return mapper.toResponse(
              outcome.recorded().isEmpty() ? outcome.alreadyRecorded().get(0) : outcome.recorded().get(0));
        });
  }

  @Override
  public RecordedEvents recordEvents(UUID traceId, List<RecordEventRequest> events) {
    return translated(
        () -> {
          var command =
              RecordEvents.ofTrace(
                  tenant.get(),
                  traceId(traceId),
                  mapper.toNewEvents(input.presentList("events", events, MAX_BATCH_SIZE)),
                  RecordEvents.Shape.BATCH_OF_ONE_TRACE);
          return mapper.toResponse(recordEvents.handle(command));
        });
  }

  @Override
  public RecordedEvents recordEvents(List<TraceEventRequest> events) {
    return translated(
        () -> {
          var command =
              new RecordEvents(
                  tenant.get(),
                  mapper.toTracedEvents(input.presentList("events", events, MAX_BATCH_SIZE)),
                  RecordEvents.Shape.BATCH_OF_TRACES);
          return mapper.toResponse(recordEvents.handle(command));
        });
  }

  @Override
  public TraceResponse completeTrace(UUID traceId) {
    return close(traceId, new CloseTrace.Complete());
  }

  @Override
  public TraceResponse failTrace(UUID traceId, FailTraceRequest request) {
    return close(traceId, new CloseTrace.Fail(input.present("body", request).reason()));
  }

  @Override
  public TraceResponse cancelTrace(UUID traceId) {
    return close(traceId, new CloseTrace.Cancel());
  }

  private TraceResponse close(UUID traceId, CloseTrace.Closing closing) {
    return translated(
        () ->
            mapper.toResponse(
                closeTrace.handle(new CloseTrace(tenant.get(), traceId(traceId), closing))));
  }

  @Override
  public TraceDetailsResponse getTrace(UUID traceId) {
    return translated(
        () -> mapper.toResponse(getTrace.handle(new GetTrace(tenant.get(), traceId(traceId)))));
  }

  @Override
  public List<EventNodeResponse> getEventTree(UUID traceId) {
    return translated(
        () ->
            mapper.toNodeResponses(
                getEventTree.handle(new GetEventTree(tenant.get(), traceId(traceId)))));
  }

  @Override
  public TracePageResponse queryTraces(TraceQuery query) {
    return translated(
        () -> mapper.toResponse(findTraces.handle(mapper.toFindTraces(tenant.get(), input.present("query", query)))));
  }

  @Override
  public TraceQueryResult queryTraces(TraceFilter filter, TraceAggregation aggregation, TracePageRequest page) {
    return translated(
        () -> {
          TracesFound found = queryTraces.handle(queryMapper.toQuery(tenant.get(), filter, aggregation, page));
          return queryMapper.toResult(found, mapper::toResponse);
        });
  }

  @Override
  public MetricsResponse getMetrics(TimeRange range, Set<MetricType> types) {
    return translated(() -> getMetrics.handle(tenant.get(), range, types));
  }

  @Override
  public DashboardResponse getDashboardData(TimeRange range, Set<DashboardMetric> metrics, String groupBy) {
    return translated(() -> getDashboard.handle(tenant.get(), range, metrics, groupBy));
  }

  @Override
  public ExportDescription describeExport(ExportRequest request) {
    return translated(() -> exports.describe(tenant.get(), request));
  }

  @Override
  public void exportTraces(ExportRequest request, OutputStream out) throws IOException {
    try {
      translated(() -> {
        try {
          exports.stream(tenant.get(), request, out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public ExportJobResponse exportTraces(ExportRequest request) {
    return translated(() -> exports.start(tenant.get(), request));
  }

  @Override
  public ExportJobResponse getExport(UUID exportId) {
    return translated(() -> exports.get(tenant.get(), input.present("exportId", exportId)));
  }

  @Override
  public ExportFile exportFile(UUID exportId) {
    return translated(() -> exports.file(tenant.get(), input.present("exportId", exportId)));
  }

  @Override
  public Optional<ExportJobResponse> cancelExport(UUID exportId) {
    return translated(() -> exports.cancel(tenant.get(), input.present("exportId", exportId)));
  }

  @Override
  public SpanPageResponse findSpans(SpanQuery query) {
    return translated(() -> findSpans.handle(tenant.get(), input.present("query", query)));
  }

  @Override
  public void deleteTrace(UUID traceId) {
    translated(
        () -> {
          deleteTrace.handle(new DeleteTrace(tenant.get(), traceId(traceId)));
          return null;
        });
  }

  private TraceId traceId(UUID traceId) {
    return new TraceId(input.present("traceId", traceId));
  }

  // ---- ObjectTwins ----

  @Override
  public TypeRegistrationResponse registerType(TwinTypeDefinition definition) {
    return twins.registerType(definition);
  }

  @Override
  public TypeRegistrationResponse registerType(Class<?> annotated) {
    return twins.registerType(annotated);
  }

  @Override
  public List<TwinTypeResponse> getTwinTypes() {
    return twins.getTwinTypes();
  }

  @Override
  public TwinTypeResponse getTwinType(String name, Integer version) {
    return twins.getTwinType(name, version);
  }

  @Override
  public TwinRegistryDocument exportRegistry() {
    return twins.exportRegistry();
  }

  @Override
  public List<TypeRegistrationResponse> importRegistry(TwinRegistryDocument document) {
    return twins.importRegistry(document);
  }

  @Override
  public StateChangeResponse recordChange(String objectId, StateChangeRequest change) {
    return twins.recordChange(objectId, change);
  }

  @Override
  public TwinStateResponse getTwin(String objectId, java.time.Instant at) {
    return twins.getTwin(objectId, at);
  }

  @Override
  public TwinHistoryResponse getTwinHistory(String objectId, long fromRevision, int limit) {
    return twins.getTwinHistory(objectId, fromRevision, limit);
  }

  @Override
  public TwinDiffResponse diffTwin(String objectId, java.time.Instant from, java.time.Instant to) {
    return twins.diffTwin(objectId, from, to);
  }

  @Override
  public TwinPageResponse findTwins(String type, Map<String, Object> fieldEquals, String cursor,
      Integer size) {
    return twins.findTwins(type, fieldEquals, cursor, size);
  }

  @Override
  public List<TraceTwinResponse> getTraceTwins(UUID traceId) {
    return twins.getTraceTwins(traceId);
  }

  @Override
  public TwinAnchor anchor(String objectId, String type) {
    return twins.anchor(objectId, type);
  }

  @Override
  public TwinAnchor anchor(String objectId, Class<?> type) {
    return twins.anchor(objectId, type);
  }

  @Override
  public String currentObjectId() {
    return twins.currentObjectId();
  }
}
