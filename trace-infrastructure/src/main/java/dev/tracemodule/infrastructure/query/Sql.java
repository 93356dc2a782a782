package dev.tracemodule.infrastructure.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A statement being written, with its parameters in order. Values only ever travel as
 * parameters; the text holds nothing a client wrote.
 */
public final class Sql {

  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }

  private final StringBuilder text = new StringBuilder();
  private final List<Binder> parameters = new ArrayList<>();

  public Sql append(String sql) {
    text.append(sql);
    return this;
  }

  public Sql text(String value) {
    return parameter((s, i) -> s.setString(i, value));
  }

  public Sql number(double value) {
    return parameter((s, i) -> s.setDouble(i, value));
  }

  public Sql integer(long value) {
    return parameter((s, i) -> s.setLong(i, value));
  }

  public Sql instant(Instant value) {
    // timestamptz from a UTC Timestamp: the driver sends it with its offset, whatever the JVM zone.
    return parameter((s, i) -> s.setObject(i, value.atOffset(java.time.ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE));
  }

  public Sql uuid(java.util.UUID value) {
    return parameter((s, i) -> s.setObject(i, value));
  }

  public Sql json(String value) {
    return parameter((s, i) -> s.setObject(i, value, Types.OTHER));
  }

  public Sql texts(Collection<String> values) {
    String[] array = values.toArray(String[]::new);
    return parameter((s, i) -> s.setArray(i, s.getConnection().createArrayOf("text", array)));
  }

  private Sql parameter(Binder binder) {
    text.append('?');
    parameters.add(binder);
    return this;
  }

  public PreparedStatement prepare(java.sql.Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(text.toString());
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).bind(statement, i + 1);
    }
    return statement;
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static List<String> wire(Collection<? extends Enum<?>> values) {
    return values.stream().map(Sql::wire).sorted().toList();
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
