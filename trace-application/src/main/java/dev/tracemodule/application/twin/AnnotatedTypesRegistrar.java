package dev.tracemodule.application.twin;

import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceModuleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the annotated twin types CDI found, once the application is up. Every instance does
 * it as it starts; registering an unchanged type writes nothing, and two instances take turns.
 */
@ApplicationScoped
public class AnnotatedTypesRegistrar {

  private static final Logger LOG = Logger.getLogger(AnnotatedTypesRegistrar.class.getName());

  @Inject AnnotatedTypesExtension extension;
  @Inject TwinUseCases twins;

  /**
   * Called by the web module once the application is up: a bean used from CDI's own start-up
   * event gets no persistence context on Payara.
   */
  public void registerFound() {
    for (Class<?> type : extension.found().stream().sorted(Comparator.comparing(Class::getName)).toList()) {
      try {
        var registered = twins.registerType(type);
        LOG.info(() -> "twin type " + registered.type().name() + " version " + registered.type().version() + ": "
            + registered.outcome().name().toLowerCase(Locale.ROOT) + " (" + type.getName() + ")");
      } catch (InvalidInputException e) {
        // One bad class must not stop the application: say which and why.
        LOG.log(Level.SEVERE, "cannot register the twin type of " + type.getName() + ": " + e.getMessage());
      } catch (TraceModuleException e) {
        LOG.log(Level.SEVERE, "cannot register the twin type of " + type.getName(), e);
      }
    }
  }
}
