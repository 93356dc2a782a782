package dev.tracemodule.web.config;

import dev.tracemodule.application.housekeeping.HousekeepingJobs;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the scheduled upkeep (expiry, retention, partitions) with the web module's managed
 * executor. Started from here, not from a CDI start-up event, because the executor's threads
 * then see the module's resources (its persistence context among them).
 */
@WebListener
public class HousekeepingStarter implements ServletContextListener {

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject HousekeepingJobs jobs;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    jobs.start(scheduler);
  }
}
