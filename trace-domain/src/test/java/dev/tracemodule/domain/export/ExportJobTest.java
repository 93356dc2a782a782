package dev.tracemodule.domain.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemodule.domain.shared.StateConflictException;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportJobTest {

  private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");

  private static ExportJob queued() {
    return ExportJob.queue(UUID.randomUUID(), TenantId.DEFAULT, "{}", "traces.csv", "text/csv", T0);
  }

  @Test
  void progressMovesFromZeroToAHundred() {
    ExportJob job = queued();
    assertThat(job.percent()).isZero();
    job.start(200, T0.plusSeconds(1));
    job.progress(50, 1000, T0.plusSeconds(2));
    assertThat(job.percent()).isEqualTo(25.0);
    // Rows that arrived after the count: the total grows to what was written.
    job.finish(210, 4200, T0.plusSeconds(3), Duration.ofHours(24));
    assertThat(job.status()).isEqualTo(ExportStatus.DONE);
    assertThat(job.rowsTotal()).isEqualTo(210);
    assertThat(job.percent()).isEqualTo(100.0);
    assertThat(job.fileExpiresAt()).isEqualTo(T0.plusSeconds(3).plus(Duration.ofHours(24)));
  }

  @Test
  void instantsKeepMicrosecondsAsTheDatabaseDoes() {
    ExportJob job = ExportJob.queue(UUID.randomUUID(), TenantId.DEFAULT, "{}", "t.csv", "text/csv",
        Instant.parse("2026-07-01T08:00:00.123456789Z"));
    assertThat(job.createdAt()).isEqualTo(Instant.parse("2026-07-01T08:00:00.123456Z"));
  }

  @Test
  void aCancelledJobTakesNoMoreProgressAndAFinishedOneCannotBeCancelled() {
    ExportJob job = queued();
    job.start(10, T0);
    job.cancel(T0.plusSeconds(1));
    assertThat(job.status()).isEqualTo(ExportStatus.CANCELLED);
    assertThatThrownBy(() -> job.progress(5, 5, T0.plusSeconds(2))).isInstanceOf(StateConflictException.class);
    assertThatThrownBy(() -> job.cancel(T0.plusSeconds(2))).isInstanceOf(StateConflictException.class);
    assertThatThrownBy(() -> job.fail("late", T0.plusSeconds(2))).isInstanceOf(StateConflictException.class);
  }
}
