package dev.tracemodule.infrastructure.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * At start, before the application takes requests: creates the database when it is missing and
 * migrates the schema with Flyway. Safe on many instances at once: Flyway serialises migrations
 * with a lock in the database.
 */
@ApplicationScoped
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Inject
  @ConfigProperty(name = "trace.db.url")
  private String url;

  @Inject
  @ConfigProperty(name = "trace.db.user")
  private String user;

  // Empty means none: with trust or peer authentication PostgreSQL asks for no password.
  @Inject
  @ConfigProperty(name = "trace.db.password")
  private Optional<String> password;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      DatabaseCreator.createIfMissing(url, user, password.orElse(null));
      MigrateResult result = migrate(TraceDataSource.lookup(), getClass().getClassLoader());
      LOG.info(() -> "schema of " + url + " at version " + result.targetSchemaVersion
          + " (" + result.migrationsExecuted + " migrations applied)");
    } catch (SQLException | RuntimeException e) {
      // Say which database failed and why: the container reports only that deployment failed.
      LOG.log(Level.SEVERE, "cannot prepare the database at " + url, e);
      throw new IllegalStateException("cannot prepare the database at " + url + ": " + e, e);
    }
  }

  /** Applies the migrations under {@code db/migration}; also used by tests. */
  public static MigrateResult migrate(DataSource dataSource, ClassLoader classLoader) {
    return Flyway.configure(classLoader)
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
