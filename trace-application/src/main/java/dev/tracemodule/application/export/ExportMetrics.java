package dev.tracemodule.application.export;

import dev.tracemodule.domain.export.ExportSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** MicroProfile Metrics of exports, by format: started, finished, failed, cancelled, rows, bytes. */
@ApplicationScoped
public class ExportMetrics {

  @Inject MetricRegistry registry;

  void started(ExportSpec spec) {
    count("trace.exports.started", spec, 1);
  }

  void finished(ExportSpec spec, long rows, long bytes) {
    count("trace.exports.finished", spec, 1);
    count("trace.exports.rows", spec, rows);
    count("trace.exports.bytes", spec, bytes);
  }

  void failed(ExportSpec spec) {
    count("trace.exports.failed", spec, 1);
  }

  void cancelled(ExportSpec spec) {
    count("trace.exports.cancelled", spec, 1);
  }

  private void count(String name, ExportSpec spec, long n) {
    registry.counter(name, new Tag("format", spec.format().name().toLowerCase(Locale.ROOT))).inc(n);
  }
}
