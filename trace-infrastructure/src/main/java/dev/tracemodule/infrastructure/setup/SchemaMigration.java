package dev.tracemodule.infrastructure.setup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
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

  @Resource(lookup = "java:app/jdbc/trace")
  private DataSource dataSource;

  @ConfigProperty(name = "trace.db.url")
  @jakarta.inject.Inject
  private String url;

  @ConfigProperty(name = "trace.db.user")
  @jakarta.inject.Inject
  private String user;

  @ConfigProperty(name = "trace.db.password", defaultValue = "")
  @jakarta.inject.Inject
  private String password;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) throws SQLException {
    DatabaseCreator.createIfMissing(url, user, password);
    MigrateResult result = migrate(dataSource, getClass().getClassLoader());
    LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migrations applied)");
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
