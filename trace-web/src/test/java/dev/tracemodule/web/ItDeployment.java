package dev.tracemodule.web;

import java.io.File;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that {@code mvn package} built, as deployed by Arquillian to Payara Micro. Its database
 * ({@code trace_it}, from TRACE_DB_URL set by Failsafe) is dropped once per test run, so each run
 * starts from an empty schema that the application creates and migrates itself.
 */
final class ItDeployment {

  static final String DATABASE = "trace_it";
  private static boolean dropped;

  private ItDeployment() {}

  static WebArchive builtWar() {
    dropDatabaseOncePerRun();
    WebArchive war =
        ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("trace.war")));
    // The WAR scans only its own jars; Arquillian's protocol jar must be scanned too.
    war.delete("WEB-INF/glassfish-web.xml");
    war.addAsWebInfResource(
        new StringAsset(
            "<glassfish-web-app><scanning-exclude>*</scanning-exclude>"
                + "<scanning-include>trace-*</scanning-include>"
                + "<scanning-include>arquillian*</scanning-include></glassfish-web-app>"),
        "glassfish-web.xml");
    return war.addAsLibrary(jarOf(Assertions.class));
  }

  private static synchronized void dropDatabaseOncePerRun() {
    if (dropped) {
      return;
    }
    try (Connection admin =
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement drop = admin.createStatement()) {
      drop.execute("drop database if exists " + DATABASE + " with (force)");
      dropped = true;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset the test database", e);
    }
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
