package dev.tracemodule.application.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceType;
import dev.tracemodule.application.metrics.TraceActivity;
import dev.tracemodule.domain.trace.TraceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The use cases tell what they did, for the module's own metrics. */
class TraceActivityTest {

  private final TraceModule module = new TraceModule(Instant.parse("2026-04-01T08:00:00Z"));

  @Test
  void startingRecordingAndEndingATraceAreReportedOnce() {
    UUID id = module.service.createTrace(
        new CreateTraceRequest("ctx", null, TraceType.API_REQUEST, "GET /", null, null, null)).id();
    RecordEventRequest info = new RecordEventRequest(UUID.randomUUID(), "step", EventLevel.INFO, null, null, null, null, null);
    RecordEventRequest error = new RecordEventRequest(UUID.randomUUID(), "boom", EventLevel.ERROR, null, null, null, null, null);
    module.service.recordEvents(id, List.of(info, error));
    module.service.recordEvents(id, List.of(info, error)); // a retry stores, and reports, nothing
    module.clock.advance(Duration.ofMillis(250));
    module.service.completeTrace(id);

    assertThat(module.activity.fired).containsExactly(
        new TraceActivity.TraceStarted(dev.tracemodule.domain.trace.TraceType.API_REQUEST),
        new TraceActivity.EventsStored(Map.of(
            dev.tracemodule.domain.trace.EventLevel.INFO, 1, dev.tracemodule.domain.trace.EventLevel.ERROR, 1)),
        new TraceActivity.TraceEnded(dev.tracemodule.domain.trace.TraceType.API_REQUEST, TraceStatus.COMPLETED, 250.0));
  }
}
