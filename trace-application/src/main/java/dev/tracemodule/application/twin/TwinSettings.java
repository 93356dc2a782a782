package dev.tracemodule.application.twin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How often an object's state is kept as a snapshot: a rebuild replays fewer changes than this. */
@ApplicationScoped
public class TwinSettings {

  public static final int DEFAULT_SNAPSHOT_EVERY = 100;

  private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;

  protected TwinSettings() {}

  @Inject
  public TwinSettings(@ConfigProperty(name = "trace.twins.snapshot-every", defaultValue = "100") int snapshotEvery) {
    if (snapshotEvery < 1) {
      throw new IllegalArgumentException("trace.twins.snapshot-every must be at least 1, not " + snapshotEvery);
    }
    this.snapshotEvery = snapshotEvery;
  }

  public int snapshotEvery() {
    return snapshotEvery;
  }
}
