package dev.tracemodule.application.telemetry;

import dev.tracemodule.application.metrics.TraceActivity;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.telemetry.ImportedSpan;
import dev.tracemodule.domain.telemetry.ImportedTrace;
import dev.tracemodule.domain.telemetry.ImportedTraceRepository;
import dev.tracemodule.domain.trace.EventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports OTLP spans: each OpenTelemetry trace becomes a Trace (see {@link ImportedTrace}), each
 * span an event, its own events children of it. Spans sent again are stored once.
 */
@ApplicationScoped
public class ImportSpansHandler {

  private ImportedTraceRepository traces;
  private EventRepository events;
  private TelemetrySettings settings;
  private jakarta.enterprise.event.Event<TraceActivity> activity;

  protected ImportSpansHandler() {}

  @Inject
  public ImportSpansHandler(ImportedTraceRepository traces, EventRepository events, TelemetrySettings settings,
      jakarta.enterprise.event.Event<TraceActivity> activity) {
    this.traces = traces;
    this.events = events;
    this.settings = settings;
    this.activity = activity;
  }

  /** Returns the number of events stored. */
  @Transactional
  public int handle(TenantId tenant, List<ImportedSpan> spans) {
    if (spans.isEmpty()) {
      return 0;
    }
    Map<String, List<ImportedSpan>> byTrace = new TreeMap<>();
    for (ImportedSpan span : spans) {
      byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    String context = settings.contextAttribute();
    return TraceImport.run(tenant, byTrace, traces, events, activity,
        w -> ImportedTrace.begun(tenant, w.otelTraceId, w.items, context),
        (trace, items) -> trace.absorb(items, context),
        (w, out) -> w.items.forEach(span -> out.addAll(w.trace.eventsOf(span))));
  }
}
