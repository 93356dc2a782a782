package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.testing.TraceRepositoryContract;
import dev.tracemodule.domain.trace.EventRepository;
import dev.tracemodule.domain.trace.TraceRepository;
import dev.tracemodule.infrastructure.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The repository contract against PostgreSQL, through the production persistence unit with
 * Hibernate bootstrapped outside a server. {@code hbm2ddl.auto=validate} also proves the entity
 * mappings match the schema that Flyway built.
 */
class JpaTraceRepositoryTest extends TraceRepositoryContract {

  private static TestDatabase database;
  private static EntityManagerFactory entityManagerFactory;
  private static final PersistenceMapper MAPPER = new PersistenceMapperImpl();

  private JpaTraceRepository traces;
  private JpaEventRepository events;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.create("repository");
    entityManagerFactory = Persistence.createEntityManagerFactory("trace", database.persistenceOutsideServer());
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (entityManagerFactory != null) {
      entityManagerFactory.close();
    }
    if (database != null) {
      database.close();
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
    EntityManager em = entityManagerFactory.createEntityManager();
    try {
      em.getTransaction().begin();
      traces = new JpaTraceRepository(em, MAPPER);
      events = new JpaEventRepository(em, MAPPER);
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }
}
