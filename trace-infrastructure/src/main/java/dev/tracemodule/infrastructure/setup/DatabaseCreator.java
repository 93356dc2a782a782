package dev.tracemodule.infrastructure.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Creates the database a JDBC URL names when it does not exist yet, by connecting to the
 * server's {@code postgres} maintenance database with the same host, port and credentials.
 */
public final class DatabaseCreator {

  private static final Logger LOG = Logger.getLogger(DatabaseCreator.class.getName());
  private static final String DUPLICATE_DATABASE = "42P04";

  private DatabaseCreator() {}

  /** Returns true when it created the database. */
  public static boolean createIfMissing(String url, String user, String password) throws SQLException {
    Properties parsed = Driver.parseURL(url, null);
    if (parsed == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + url);
    }
    String database = PGProperty.PG_DBNAME.getOrDefault(parsed);
    Properties credentials = new Properties();
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      credentials.setProperty("password", password);
    }
    String maintenanceUrl = url.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(?=\\?|$)", "/postgres");
    try (Connection connection = new Driver().connect(maintenanceUrl, credentials)) {
      if (exists(connection, database)) {
        return false;
      }
      try (Statement create = connection.createStatement()) {
        create.execute("create database " + quoted(database));
        LOG.info(() -> "created database " + database);
        return true;
      } catch (SQLException e) {
        // Another instance starting at the same moment created it first.
        if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
          return false;
        }
        throw e;
      }
    }
  }

  private static boolean exists(Connection connection, String database) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      query.setString(1, database);
      try (ResultSet found = query.executeQuery()) {
        return found.next();
      }
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
