package dev.tracemodule.infrastructure.testing;

import dev.tracemodule.infrastructure.setup.DatabaseCreator;
import dev.tracemodule.infrastructure.setup.SchemaMigration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of a test's own on the local server, created and migrated on demand and
 * dropped when closed. Host and port come from {@code TRACE_TEST_DB_HOST} and
 * {@code TRACE_TEST_DB_PORT} (default 127.0.0.1:5432, user postgres).
 */
public final class TestDatabase implements AutoCloseable {

  private static final String HOST = env("TRACE_TEST_DB_HOST", "127.0.0.1");
  private static final String PORT = env("TRACE_TEST_DB_PORT", "5432");
  private static final String USER = env("TRACE_TEST_DB_USER", "postgres");

  private final String name;
  private final PGSimpleDataSource dataSource;

  private TestDatabase(String name) {
    this.name = name;
    this.dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url());
    dataSource.setUser(USER);
    dataSource.setReWriteBatchedInserts(true);
  }

  /** A fresh, migrated database named after the test and a random suffix. */
  public static TestDatabase create(String purpose) throws SQLException {
    String name =
        ("trace_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    TestDatabase database = new TestDatabase(name);
    DatabaseCreator.createIfMissing(database.url(), USER, null);
    SchemaMigration.migrate(database.dataSource, TestDatabase.class.getClassLoader());
    return database;
  }

  public String name() {
    return name;
  }

  public String url() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  public String user() {
    return USER;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Properties of the production persistence unit run outside a server, on this database. */
  public java.util.Map<String, Object> persistenceOutsideServer() {
    java.util.Map<String, Object> properties = new java.util.HashMap<>();
    properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    properties.put("jakarta.persistence.jtaDataSource", null);
    properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
    properties.put(
        "hibernate.transaction.jta.platform",
        "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform");
    properties.put("hibernate.boot.allow_jdbc_metadata_access", "true");
    properties.put("hibernate.hbm2ddl.auto", "validate");
    return properties;
  }

  @Override
  public void close() throws SQLException {
    dropDatabase(name);
  }

  public static void dropDatabase(String name) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
        Statement drop = admin.createStatement()) {
      drop.execute("drop database if exists \"" + name + "\" with (force)");
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
