package dev.tracemodule.web.config;

import dev.tracemodule.application.export.ExportRunner;
import dev.tracemodule.application.housekeeping.HousekeepingJobs;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the scheduled upkeep (expiry, retention, partitions, export files) with the web module's
 * managed scheduler, and hands export jobs its managed executor. Started from here, not from a CDI start-up event, because the executor's threads
 * then see the module's resources (its persistence context among them).
 */
@WebListener
public class HousekeepingStarter implements ServletContextListener {

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource ManagedExecutorService executor;

  @Inject HousekeepingJobs jobs;

  @Inject ExportRunner exports;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    exports.useExecutor(executor);
    jobs.start(scheduler);
  }
}
