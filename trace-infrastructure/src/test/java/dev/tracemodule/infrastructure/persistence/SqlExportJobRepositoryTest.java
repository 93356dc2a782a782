package dev.tracemodule.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportStatus;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.infrastructure.testing.TestPersistence;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export jobs round-trip through PostgreSQL; silent jobs fail; expired files are found once. */
class SqlExportJobRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-07-01T08:00:00.123456Z");

  private static TestPersistence persistence;

  private final TenantId tenant = new TenantId("t-" + UUID.randomUUID().toString().substring(0, 8));

  @BeforeAll
  static void startDatabase() throws Exception {
    persistence = TestPersistence.start("exportjobs");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (persistence != null) {
      persistence.close();
    }
  }

  @Test
  void aJobReadsBackAsStoredThroughItsLife() {
    ExportJob job = ExportJob.queue(UUID.randomUUID(), tenant, "{\"format\": \"CSV\"}", "traces.csv", "text/csv", T0);
    inTransaction(em -> store(em, job));
    job.start(10, T0.plusSeconds(1));
    job.progress(4, 400, T0.plusSeconds(2));
    inTransaction(em -> store(em, job));

    ExportJob found = inTransaction(em -> new SqlExportJobRepository(em).find(tenant, job.id())).orElseThrow();
    assertThat(found.snapshot()).isEqualTo(job.snapshot());
    assertThat(found.percent()).isEqualTo(40.0);
    Optional<ExportJob> otherTenant = inTransaction(em -> new SqlExportJobRepository(em).find(new TenantId("other"), job.id()));
    assertThat(otherTenant).isEmpty();

    found.finish(10, 1000, T0.plusSeconds(3), Duration.ofHours(1));
    inTransaction(em -> store(em, found));
    ExportJob done = inTransaction(em -> new SqlExportJobRepository(em).lock(tenant, job.id())).orElseThrow();
    assertThat(done.status()).isEqualTo(ExportStatus.DONE);
    assertThat(done.percent()).isEqualTo(100.0);
    assertThat(done.fileExpiresAt()).isEqualTo(T0.plusSeconds(3).plus(Duration.ofHours(1)));
  }

  @Test
  void jobsWhoseServerStoppedFailWithAReasonAndExpiredFilesAreFound() {
    ExportJob silent = ExportJob.queue(UUID.randomUUID(), tenant, "{}", "a.csv", "text/csv", T0);
    silent.start(5, T0);
    ExportJob alive = ExportJob.queue(UUID.randomUUID(), tenant, "{}", "b.csv", "text/csv", T0);
    alive.start(5, T0);
    alive.progress(1, 10, T0.plusSeconds(600));
    ExportJob finished = ExportJob.queue(UUID.randomUUID(), tenant, "{}", "c.csv", "text/csv", T0);
    finished.start(5, T0);
    finished.finish(5, 50, T0.plusSeconds(1), Duration.ofSeconds(60));
    inTransaction(em -> store(em, silent, alive, finished));

    inTransaction(em -> new SqlExportJobRepository(em).failSilentSince(T0.plusSeconds(300), "the server running it stopped",
        T0.plusSeconds(700)));

    ExportJob failed = inTransaction(em -> new SqlExportJobRepository(em).find(tenant, silent.id())).orElseThrow();
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("the server running it stopped");
    ExportJob stillRunning = inTransaction(em -> new SqlExportJobRepository(em).find(tenant, alive.id())).orElseThrow();
    assertThat(stillRunning.status()).isEqualTo(ExportStatus.RUNNING);

    List<UUID> expired = inTransaction(em -> new SqlExportJobRepository(em).filesExpiredBy(T0.plusSeconds(120)))
        .stream().map(ExportJob::id).toList();
    assertThat(expired).contains(finished.id()).doesNotContain(silent.id(), alive.id());
    inTransaction(em -> {
      new SqlExportJobRepository(em).remove(tenant, finished.id());
      return null;
    });
    Optional<ExportJob> removed = inTransaction(em -> new SqlExportJobRepository(em).find(tenant, finished.id()));
    assertThat(removed).isEmpty();
  }

  private static Void store(EntityManager em, ExportJob... jobs) {
    for (ExportJob job : jobs) {
      new SqlExportJobRepository(em).store(job);
    }
    return null;
  }

  private static <T> T inTransaction(Function<EntityManager, T> work) {
    return persistence.inTransaction(work);
  }
}
