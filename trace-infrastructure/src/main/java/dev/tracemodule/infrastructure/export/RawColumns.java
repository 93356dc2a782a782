package dev.tracemodule.infrastructure.export;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.ByteConverter;

/**
 * The columns of a result row as the bytes PostgreSQL sent, without the driver's conversions:
 * text as UTF-8, uuids as their 36-character text, instants as microseconds since the epoch. An
 * export touches every value once, and the writers want bytes (Parquet, JSON) or build their own
 * strings (CSV), so the driver's {@code String}, {@code UUID} and {@code Timestamp} objects would
 * be made only to be taken apart again.
 *
 * <p>pgjdbc receives uuid, timestamptz, float8 and int4 columns in PostgreSQL's binary format once
 * a statement is server-prepared, and text columns as UTF-8. A column that came as text all the
 * same is read through the driver's own conversions.
 */
final class RawColumns {

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since the Unix epoch. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
  private static final int BINARY = 1;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final ResultSet rows;
  private final boolean[] binary;

  RawColumns(ResultSet rows) throws SQLException {
    this.rows = rows;
    ResultSetMetaData columns = rows.getMetaData();
    PGResultSetMetaData formats = columns.unwrap(PGResultSetMetaData.class);
    binary = new boolean[columns.getColumnCount() + 1];
    for (int column = 1; column < binary.length; column++) {
      binary[column] = formats.getFormat(column) == BINARY;
    }
  }

  /** A text column's UTF-8 bytes, or null. */
  byte[] text(int column) throws SQLException {
    return rows.getBytes(column);
  }

  /** A uuid column as the UTF-8 bytes of its canonical text (lower-case hex), or null. */
  byte[] uuid(int column) throws SQLException {
    byte[] value = rows.getBytes(column);
    return value == null || !binary[column] ? value : uuidText(value);
  }

  /** A timestamptz column in microseconds since the epoch; the column must not be null. */
  long micros(int column) throws SQLException {
    if (binary[column]) {
      return ByteConverter.int8(rows.getBytes(column), 0) + POSTGRES_EPOCH_MICROS;
    }
    Timestamp value = rows.getTimestamp(column);
    return ChronoUnit.MICROS.between(Instant.EPOCH, value.toInstant());
  }

  Long nullableMicros(int column) throws SQLException {
    if (binary[column]) {
      byte[] value = rows.getBytes(column);
      return value == null ? null : ByteConverter.int8(value, 0) + POSTGRES_EPOCH_MICROS;
    }
    Timestamp value = rows.getTimestamp(column);
    return value == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, value.toInstant());
  }

  Double float8(int column) throws SQLException {
    if (binary[column]) {
      byte[] value = rows.getBytes(column);
      return value == null ? null : ByteConverter.float8(value, 0);
    }
    double value = rows.getDouble(column);
    return rows.wasNull() ? null : value;
  }

  Integer int4(int column) throws SQLException {
    if (binary[column]) {
      byte[] value = rows.getBytes(column);
      return value == null ? null : ByteConverter.int4(value, 0);
    }
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  /** The 16 bytes of a uuid as {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}. */
  static byte[] uuidText(byte[] uuid) {
    byte[] text = new byte[36];
    int at = 0;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        text[at++] = '-';
      }
      text[at++] = HEX[uuid[i] >> 4 & 0xf];
      text[at++] = HEX[uuid[i] & 0xf];
    }
    return text;
  }
}
