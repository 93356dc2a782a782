package dev.tracemodule.infrastructure.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * The production persistence unit outside a server, on a {@link TestDatabase} of a test class's
 * own: Hibernate validates the entities against the schema Flyway built.
 */
public final class TestPersistence implements AutoCloseable {

  private final TestDatabase database;
  private final EntityManagerFactory entityManagers;

  private TestPersistence(TestDatabase database) {
    this.database = database;
    this.entityManagers = Persistence.createEntityManagerFactory("trace", database.persistenceOutsideServer());
  }

  public static TestPersistence start(String purpose) throws SQLException {
    return new TestPersistence(TestDatabase.create(purpose));
  }

  /** An entity manager outside {@link #inTransaction}, for a test that holds a transaction open. */
  public EntityManager entityManager() {
    return entityManagers.createEntityManager();
  }

  /** Runs {@code work} in a transaction of its own, committed when it returns. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = entityManagers.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      entityManagers.close();
    } finally {
      database.close();
    }
  }
}
