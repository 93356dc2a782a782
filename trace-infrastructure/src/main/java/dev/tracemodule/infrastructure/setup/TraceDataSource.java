package dev.tracemodule.infrastructure.setup;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** The JTA data source the persistence unit also uses, as the WAR defines it. */
final class TraceDataSource {

  static final String JNDI_NAME = "java:global/jdbc/trace";

  private TraceDataSource() {}

  static DataSource lookup() {
    try {
      return InitialContext.doLookup(JNDI_NAME);
    } catch (NamingException e) {
      throw new IllegalStateException("no data source at " + JNDI_NAME, e);
    }
  }
}
