package dev.tracemodule.web.config;

import dev.tracemodule.application.twin.AnnotatedTypesRegistrar;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Registers the application's annotated twin types once the web application has started, when
 * the module's resources (its persistence context among them) can be injected.
 */
@WebListener
public class TwinTypesStarter implements ServletContextListener {

  @Inject AnnotatedTypesRegistrar registrar;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    registrar.registerFound();
  }
}
