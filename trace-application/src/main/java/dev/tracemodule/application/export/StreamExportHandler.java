package dev.tracemodule.application.export;

import dev.tracemodule.domain.export.ExportSpec;
import dev.tracemodule.domain.export.TraceExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an export in one read transaction: the database cursor lives as long as it. */
@ApplicationScoped
public class StreamExportHandler {

  private TraceExporter exporter;

  protected StreamExportHandler() {}

  @Inject
  public StreamExportHandler(TraceExporter exporter) {
    this.exporter = exporter;
  }

  @Transactional
  public long handle(ExportSpec spec, OutputStream out, TraceExporter.ExportProgress progress) throws IOException {
    return exporter.export(spec, out, progress);
  }
}
