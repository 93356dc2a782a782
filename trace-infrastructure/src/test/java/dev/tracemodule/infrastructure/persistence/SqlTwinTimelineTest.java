package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.testing.TwinTimelineContract;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.infrastructure.testing.TestPersistence;
import java.time.Clock;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The timeline's random histories on PostgreSQL, through {@link SqlTwinRepository}. */
class SqlTwinTimelineTest extends TwinTimelineContract {

  private static TestPersistence persistence;

  @BeforeAll
  static void startDatabase() throws Exception {
    persistence = TestPersistence.start("twins");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (persistence != null) {
      persistence.close();
    }
  }

  @Override
  protected <T> T inTransaction(Function<TwinRepository, T> work) {
    return persistence.inTransaction(em -> work.apply(new SqlTwinRepository(em, Clock.systemUTC())));
  }

  @Override
  protected int histories() {
    return 5; // a transaction a change, each on a new connection: about 3 s a history
  }
}
