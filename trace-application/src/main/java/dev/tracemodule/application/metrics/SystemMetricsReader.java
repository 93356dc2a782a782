package dev.tracemodule.application.metrics;

import dev.tracemodule.api.MetricsResponse.SystemMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The running server's own figures, from the JVM's management beans. */
@ApplicationScoped
public class SystemMetricsReader {

  public SystemMetrics read() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double cpu = os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuLoad() : -1;
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new SystemMetrics(
        cpu,
        os.getSystemLoadAverage(),
        os.getAvailableProcessors(),
        heap.getUsed(),
        heap.getMax(),
        ManagementFactory.getThreadMXBean().getThreadCount(),
        ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
