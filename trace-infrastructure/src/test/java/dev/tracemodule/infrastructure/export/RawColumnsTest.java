package dev.tracemodule.infrastructure.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemodule.infrastructure.testing.TestDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;

/** The same row read in PostgreSQL's binary format and as text decodes to the same values. */
class RawColumnsTest {

  private static final String ROW = "select '019e8269-4efb-7f96-a0f6-8d1a613afbc0'::uuid, 'Grüße, \"x\"'::text,"
      + " timestamptz '2026-06-01 09:00:00.123456+00', timestamptz '1969-12-31 23:59:59.999999+00', null::timestamptz,"
      + " 3.25::float8, null::float8, -7::int4, null::int4, null::uuid, 1e-300::float8";

  private static TestDatabase database;

  @BeforeAll
  static void createDatabase() throws SQLException {
    database = TestDatabase.create("raw_columns");
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void binaryAndTextColumnsGiveTheSameValues() throws SQLException {
    assertValues(true);
    assertValues(false);
  }

  @Test
  void uuidTextIsWhatJavaWritesForTheSameBytes() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      UUID uuid = new UUID(random.nextLong(), random.nextLong());
      byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
          .putLong(uuid.getLeastSignificantBits()).array();
      assertThat(new String(RawColumns.uuidText(bytes), StandardCharsets.US_ASCII)).isEqualTo(uuid.toString());
    }
  }

  private static void assertValues(boolean binary) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(ROW)) {
      // Server-prepared at once: binary; never server-prepared: text.
      statement.unwrap(PGStatement.class).setPrepareThreshold(binary ? -1 : 0);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1)).isEqualTo(binary ? 1 : 0);
        RawColumns columns = new RawColumns(rows);
        assertThat(rows.next()).isTrue();
        assertThat(new String(columns.uuid(1), StandardCharsets.US_ASCII)).isEqualTo("019e8269-4efb-7f96-a0f6-8d1a613afbc0");
        assertThat(new String(columns.text(2), StandardCharsets.UTF_8)).isEqualTo("Grüße, \"x\"");
        assertThat(columns.micros(3)).isEqualTo(micros("2026-06-01T09:00:00.123456Z"));
        assertThat(columns.nullableMicros(4)).isEqualTo(micros("1969-12-31T23:59:59.999999Z"));
        assertThat(columns.nullableMicros(5)).isNull();
        assertThat(columns.float8(6)).isEqualTo(3.25);
        assertThat(columns.float8(7)).isNull();
        assertThat(columns.int4(8)).isEqualTo(-7);
        assertThat(columns.int4(9)).isNull();
        assertThat(columns.uuid(10)).isNull();
        assertThat(columns.float8(11)).isEqualTo(1e-300);
      }
    }
  }

  private static long micros(String instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
  }
}
