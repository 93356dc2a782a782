package dev.tracemodule.application.trace;

import dev.tracemodule.application.metrics.TraceActivity;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** The CDI event the handlers fire, kept in a list instead: what a test can look at. */
public final class RecordedActivity implements Event<TraceActivity> {

  public final List<TraceActivity> fired = new CopyOnWriteArrayList<>();

  @Override
  public void fire(TraceActivity event) {
    fired.add(event);
  }

  @Override
  public <U extends TraceActivity> CompletionStage<U> fireAsync(U event) {
    fired.add(event);
    return CompletableFuture.completedFuture(event);
  }

  @Override
  public <U extends TraceActivity> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
    return fireAsync(event);
  }

  @Override
  public Event<TraceActivity> select(Annotation... qualifiers) {
    return this;
  }

  @Override
  public <U extends TraceActivity> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <U extends TraceActivity> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }
}
