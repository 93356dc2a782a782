package dev.tracemodule.application.telemetry;

import dev.tracemodule.application.metrics.TraceActivity;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.telemetry.ImportedLogRecord;
import dev.tracemodule.domain.telemetry.ImportedTrace;
import dev.tracemodule.domain.telemetry.ImportedTraceRepository;
import dev.tracemodule.domain.trace.EventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports OTLP log records as events: into the trace of the OpenTelemetry trace they name (begun
 * by them when its spans have not come yet), under their span's event. A log record of no trace
 * goes to a trace of its service's logs of that day.
 */
@ApplicationScoped
public class ImportLogsHandler {

  private ImportedTraceRepository traces;
  private EventRepository events;
  private TelemetrySettings settings;
  private jakarta.enterprise.event.Event<TraceActivity> activity;

  protected ImportLogsHandler() {}

  @Inject
  public ImportLogsHandler(ImportedTraceRepository traces, EventRepository events, TelemetrySettings settings,
      jakarta.enterprise.event.Event<TraceActivity> activity) {
    this.traces = traces;
    this.events = events;
    this.settings = settings;
    this.activity = activity;
  }

  /** Returns the number of events stored. */
  @Transactional
  public int handle(TenantId tenant, List<ImportedLogRecord> logs) {
    if (logs.isEmpty()) {
      return 0;
    }
    String context = settings.contextAttribute();
    Map<String, List<ImportedLogRecord>> byTrace = new TreeMap<>();
    for (ImportedLogRecord log : logs) {
      String trace = log.traceId() != null ? log.traceId() : dailyTraceOf(log, context);
      byTrace.computeIfAbsent(trace, id -> new ArrayList<>()).add(log);
    }
    return TraceImport.run(tenant, byTrace, traces, events, activity,
        w -> ImportedTrace.begunByLogs(tenant, w.otelTraceId, w.items.get(0), context),
        (trace, items) -> false,
        (w, out) -> w.items.forEach(log -> out.add(w.trace.eventOf(log))));
  }

  /** A stand-in OpenTelemetry trace id for a service's logs of a day that belong to no trace. */
  private static String dailyTraceOf(ImportedLogRecord log, String contextAttribute) {
    Object service = log.resource().get(contextAttribute);
    String day = log.time().atZone(ZoneOffset.UTC).toLocalDate().toString();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("logs|" + service + "|" + day).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
