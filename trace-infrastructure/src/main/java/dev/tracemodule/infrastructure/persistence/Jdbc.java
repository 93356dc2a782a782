package dev.tracemodule.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.Session;

/** Plain JDBC on the connection of the entity manager's transaction. */
final class Jdbc {

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  static <T> T run(EntityManager em, Work<T> work) {
    return em.unwrap(Session.class).doReturningWork(work::run);
  }
}
