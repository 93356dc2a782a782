package dev.tracemodule.application.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tracemodule.api.ExportDescription;
import dev.tracemodule.api.ExportJobResponse;
import dev.tracemodule.api.ExportRequest;
import dev.tracemodule.application.query.QueryMapper;
import dev.tracemodule.domain.export.ExportCompression;
import dev.tracemodule.domain.export.ExportFormat;
import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.query.Aggregation;
import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Export requests between the API, the domain and a job's stored form. */
@ApplicationScoped
public class ExportRequests {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private QueryMapper queries;

  protected ExportRequests() {}

  @Inject
  public ExportRequests(QueryMapper queries) {
    this.queries = queries;
  }

  /** The domain's form, with errors naming {@code format}, {@code filter.startedTo} and the like. */
  public ExportSpec toSpec(TenantId tenant, ExportRequest request) {
    if (request == null) {
      throw new InvalidValueException("body", "must be present");
    }
    FieldChecks checks = new FieldChecks();
    TraceFilter filter = null;
    Aggregation metrics = null;
    try {
      filter = queries.toFilter(tenant, request.filter() == null ? dev.tracemodule.api.TraceFilter.all() : request.filter());
    } catch (InvalidValueException e) {
      checks.add(e.under("filter."));
    }
    if (request.withMetrics()) {
      try {
        metrics = request.metrics() == null ? ExportSpec.DEFAULT_METRICS : queries.toAggregation(request.metrics());
      } catch (InvalidValueException e) {
        checks.add(e.under("metrics."));
      }
    }
    ExportSpec spec = null;
    try {
      spec = new ExportSpec(
          filter == null ? TraceFilter.all(tenant) : filter,
          request.format() == null ? null : ExportFormat.valueOf(request.format().name()),
          request.compression() == null ? null : ExportCompression.valueOf(request.compression().name()),
          request.withEvents(),
          metrics);
    } catch (InvalidValueException e) {
      checks.add(e);
    }
    checks.throwIfAny();
    return spec;
  }

  public ExportDescription describe(ExportSpec spec) {
    return new ExportDescription(spec.fileName("traces"), spec.contentType(), spec.gzipped() ? "gzip" : null);
  }

  public String stored(ExportRequest request) {
    try {
      return JSON.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ExportRequest read(String stored) {
    try {
      return JSON.readValue(stored, ExportRequest.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ExportJobResponse toResponse(ExportJob job, ExportSpec spec) {
    return new ExportJobResponse(
        job.id(),
        job.status().name().toLowerCase(Locale.ROOT),
        job.rowsWritten(),
        job.rowsTotal(),
        job.percent(),
        job.bytesWritten(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        job.fileExpiresAt(),
        job.fileName(),
        job.contentType(),
        spec != null && spec.gzipped() ? "gzip" : null,
        job.failureReason());
  }
}
