package dev.tracemodule.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.TwinRepository;
import java.util.function.Function;

class InMemoryTwinTimelineTest extends TwinTimelineContract {

  private final InMemoryTwinRepository repository = new InMemoryTwinRepository();

  @Override
  protected <T> T inTransaction(Function<TwinRepository, T> work) {
    return work.apply(repository);
  }

  @Override
  protected int histories() {
    return 300;
  }

  /**
   * TwinTimeline keeps a snapshot at every revision that is a multiple of snapshotEvery; a late
   * change drops the snapshots after it and replays, storing them again at their new revisions.
   * Either way the snapshots end up at each multiple up to the last revision, once.
   */
  @Override
  protected void afterHistory(ObjectId object, int changes, int snapshotEvery) {
    assertThat(repository.snapshotCount(tenant, object))
        .as("%d changes, a snapshot every %d", changes, snapshotEvery)
        .isEqualTo(changes / snapshotEvery);
    for (long revision = snapshotEvery; revision <= changes; revision += snapshotEvery) {
      assertThat(repository.snapshotAtRevision(tenant, object, revision)).as("snapshot at revision %d", revision)
          .map(ObjectTwin.Snapshot::revision).hasValue(revision);
    }
  }
}
