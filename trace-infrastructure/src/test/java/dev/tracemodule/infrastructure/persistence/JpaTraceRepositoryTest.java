package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.testing.TraceRepositoryContract;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.infrastructure.testing.TestPersistence;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The repository contract against PostgreSQL, through the production persistence unit with
 * Hibernate bootstrapped outside a server. {@code hbm2ddl.auto=validate} also proves the entity
 * mappings match the schema that Flyway built.
 */
class JpaTraceRepositoryTest extends TraceRepositoryContract {

  private static TestPersistence persistence;
  private static final PersistenceMapper MAPPER = new PersistenceMapperImpl();

  private JpaTraceRepository traces;
  private JpaEventRepository events;

  @BeforeAll
  static void startDatabase() throws Exception {
    persistence = TestPersistence.start("repository");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (persistence != null) {
      persistence.close();
    }
  }

  @Override
  protected TraceRepository traces() {
    return traces;
  }

  @Override
  protected EventRepository events() {
    return events;
  }

  @Override
  protected <T> T inTransaction(Supplier<T> work) {
    return persistence.inTransaction(em -> {
      traces = new JpaTraceRepository(em, MAPPER);
      events = new JpaEventRepository(em, MAPPER);
      return work.get();
    });
  }
}
