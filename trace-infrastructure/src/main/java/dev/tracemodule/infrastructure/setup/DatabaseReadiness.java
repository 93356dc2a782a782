package dev.tracemodule.infrastructure.setup;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while PostgreSQL answers a query within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = TraceDataSource.lookup().getConnection();
        Statement ping = connection.createStatement()) {
      ping.setQueryTimeout(2);
      ping.execute("select 1");
      return HealthCheckResponse.named("database").up().build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database").down().withData("error", e.getMessage()).build();
    }
  }
}
