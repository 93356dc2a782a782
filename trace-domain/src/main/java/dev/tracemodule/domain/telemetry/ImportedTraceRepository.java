package dev.tracemodule.domain.telemetry;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traces OpenTelemetry traces became, found by their OpenTelemetry trace ids. Every method
 * takes a whole batch's traces in one statement.
 */
public interface ImportedTraceRepository {

  /**
   * The traces of these OpenTelemetry traces that exist, by OpenTelemetry trace id, locked until
   * the transaction ends (in id order, so that two batches cannot wait on each other).
   */
  Map<String, ImportedTrace> lockAll(TenantId tenantId, Collection<String> otelTraceIds);

  /**
   * Stores new traces, locked until the transaction ends, and returns the OpenTelemetry trace ids
   * of those stored: another caller may have stored one first (then {@link #lockAll} it).
   */
  Set<String> createAll(TenantId tenantId, List<ImportedTrace> traces);

  /** Stores what the traces' spans said of them (name, type, context, start, status, end). */
  void updateAll(TenantId tenantId, List<ImportedTrace> traces);

  /** Writes the event counts of traces that ended now; their events must be stored first. */
  void countEventsOfEnded(TenantId tenantId, Collection<TraceId> traceIds);

  /** Adds to the event counts of ended traces: events that arrived after their root. */
  void addToCounts(TenantId tenantId, Map<TraceId, Map<EventLevel, Integer>> added);
}
