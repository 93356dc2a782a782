package dev.tracemodule.application.export;

import dev.tracemodule.api.ExportDescription;
import dev.tracemodule.api.ExportFile;
import dev.tracemodule.api.ExportJobResponse;
import dev.tracemodule.api.ExportNotFoundException;
import dev.tracemodule.api.ExportRequest;
import dev.tracemodule.api.TraceStateException;
import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.export.ExportStatus;
import dev.tracemodule.domain.export.TraceExporter;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.shared.TimeOrderedIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** The export use cases: describe, stream, start a job, follow it, fetch its file, cancel it. */
@ApplicationScoped
public class ExportUseCases {

  private ExportRequests requests;
  private StreamExportHandler stream;
  private ExportJobTransitions transitions;
  private ExportRunner runner;
  private ExportMetrics metrics;
  private Clock clock;

  protected ExportUseCases() {}

  @Inject
  public ExportUseCases(ExportRequests requests, StreamExportHandler stream, ExportJobTransitions transitions,
      ExportRunner runner, ExportMetrics metrics, Clock clock) {
    this.requests = requests;
    this.stream = stream;
    this.transitions = transitions;
    this.runner = runner;
    this.metrics = metrics;
    this.clock = clock;
  }

  public ExportDescription describe(TenantId tenant, ExportRequest request) {
    return requests.describe(requests.toSpec(tenant, request));
  }

  public void stream(TenantId tenant, ExportRequest request, OutputStream out) throws IOException {
    ExportSpec spec = requests.toSpec(tenant, request);
    metrics.started(spec);
    ExportRunner.Counting counted = new ExportRunner.Counting(out);
    try {
      long rows = stream.handle(spec, counted, TraceExporter.ExportProgress.NONE);
      metrics.finished(spec, rows, counted.count);
    } catch (IOException | RuntimeException e) {
      metrics.failed(spec);
      throw e;
    }
  }

  public ExportJobResponse start(TenantId tenant, ExportRequest request) {
    ExportSpec spec = requests.toSpec(tenant, request);
    UUID id = TimeOrderedIds.next(clock);
    ExportJob job = ExportJob.queue(id, tenant, requests.stored(request), spec.fileName("traces"), spec.contentType(),
        clock.instant());
    transitions.create(job);
    runner.submit(tenant, id);
    return requests.toResponse(job, spec);
  }

  public ExportJobResponse get(TenantId tenant, UUID id) {
    ExportJob job = found(tenant, id);
    return requests.toResponse(job, specOf(tenant, job));
  }

  public ExportFile file(TenantId tenant, UUID id) {
    ExportJob job = found(tenant, id);
    if (job.status() != ExportStatus.DONE) {
      throw new TraceStateException("export " + id + " is " + job.status().name().toLowerCase() + ", not done", null);
    }
    try {
      Path file = runner.fileOf(id);
      if (!Files.exists(file)) {
        throw new ExportNotFoundException(id);
      }
      ExportSpec spec = specOf(tenant, job);
      return new ExportFile(job.fileName(), job.contentType(), spec.gzipped() ? "gzip" : null, Files.size(file), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<ExportJobResponse> cancel(TenantId tenant, UUID id) {
    ExportJob job = found(tenant, id);
    Optional<ExportJob> cancelled = transitions.cancelOrRemove(tenant, job);
    if (cancelled.isEmpty()) {
      try {
        Files.deleteIfExists(runner.fileOf(id));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Optional.empty();
    }
    // The runner notices at its next progress report and deletes its partial file.
    return cancelled.map(stopped -> requests.toResponse(stopped, specOf(tenant, stopped)));
  }

  private ExportJob found(TenantId tenant, UUID id) {
    return transitions.find(tenant, id).orElseThrow(() -> new ExportNotFoundException(id));
  }

  private ExportSpec specOf(TenantId tenant, ExportJob job) {
    return requests.toSpec(tenant, requests.read(job.request()));
  }
}
