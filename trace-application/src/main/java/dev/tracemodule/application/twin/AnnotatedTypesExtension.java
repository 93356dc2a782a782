package dev.tracemodule.application.twin;

import dev.tracemodule.api.twin.ObjectType;
import dev.tracemodule.api.twin.ProcessType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the classes and records annotated {@link ObjectType} or {@link ProcessType} that CDI
 * scans ({@code bean-discovery-mode="all"}), for {@link AnnotatedTypesRegistrar} to register once
 * the application has started.
 */
public class AnnotatedTypesExtension implements Extension {

  private final List<Class<?>> found = new ArrayList<>();

  <T> void collect(@Observes @WithAnnotations({ObjectType.class, ProcessType.class}) ProcessAnnotatedType<T> type) {
    Class<T> java = type.getAnnotatedType().getJavaClass();
    if (AnnotatedTwinTypes.isAnnotated(java)) {
      synchronized (found) {
        found.add(java);
      }
    }
  }

  List<Class<?>> found() {
    synchronized (found) {
      return List.copyOf(found);
    }
  }
}
