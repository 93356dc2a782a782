package dev.tracemodule.infrastructure.export;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file of flat rows (top-level columns, no nesting, no repetition), written a value at a
 * time straight into parquet-java's column writers. Its record API ({@code ParquetWriter} with a
 * {@code WriteSupport}) tracks fields by name and nesting level for every value, which cost a
 * third of an export's time here; a flat table needs none of it. Pages, encodings, compression,
 * statistics and the footer are still parquet-java's own.
 *
 * <p>A row is its columns in schema order, then {@link #endRow()}. A row group is written when
 * what it holds (pages compressed so far and the open pages) reaches {@code rowGroupBytes}.
 */
final class FlatParquetWriter implements Closeable {

  /**
   * zstd's fastest level. Against its default (3) it wrote these files about a tenth faster for
   * one per cent more bytes: repeated values are dictionary-encoded before zstd sees them.
   */
  static final int ZSTD_LEVEL = 1;

  private final ParquetFileWriter file;
  private final MessageType schema;
  private final ParquetProperties properties;
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;
  private final long rowGroupBytes;
  private final List<ColumnDescriptor> descriptors;
  /** Definition level of a present value: 1 in an optional column, 0 in a required one. */
  private final int[] present;
  private final ColumnWriter[] columns;

  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private int rowGroup;
  private long rows;
  private long nextSizeCheck;

  FlatParquetWriter(OutputFile out, MessageType schema, ParquetProperties properties, CompressionCodecName codec,
      long rowGroupBytes) throws IOException {
    this.schema = schema;
    this.properties = properties;
    this.rowGroupBytes = rowGroupBytes;
    this.descriptors = schema.getColumns();
    this.present = new int[descriptors.size()];
    for (int column = 0; column < present.length; column++) {
      present[column] = schema.getType(column).isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
    }
    this.columns = new ColumnWriter[descriptors.size()];
    this.codecs = new CodecFactory(new ZstdLevel(ZSTD_LEVEL), properties.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(codec);
    this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0, null, properties);
    file.start();
    startRowGroup();
  }

  void binary(int column, Binary value) {
    if (value == null) {
      columns[column].writeNull(0, 0);
    } else {
      columns[column].write(value, 0, present[column]);
    }
  }

  /** UTF-8 text, or null. */
  void text(int column, byte[] utf8) {
    binary(column, binary(utf8));
  }

  /** UTF-8 text as Parquet's binary, without a copy, or null. */
  static Binary binary(byte[] utf8) {
    return utf8 == null ? null : Binary.fromConstantByteArray(utf8);
  }

  void int64(int column, long value) {
    columns[column].write(value, 0, present[column]);
  }

  void int64(int column, Long value) {
    if (value == null) {
      columns[column].writeNull(0, 0);
    } else {
      columns[column].write(value.longValue(), 0, present[column]);
    }
  }

  void int32(int column, Integer value) {
    if (value == null) {
      columns[column].writeNull(0, 0);
    } else {
      columns[column].write(value.intValue(), 0, present[column]);
    }
  }

  void float64(int column, Double value) {
    if (value == null) {
      columns[column].writeNull(0, 0);
    } else {
      columns[column].write(value.doubleValue(), 0, present[column]);
    }
  }

  void endRow() throws IOException {
    store.endRecord();
    if (++rows < nextSizeCheck) {
      return;
    }
    // Measuring walks every column: do it about twice on the way to the limit, as parquet-java does.
    long size = store.getBufferedSize();
    long rowSize = Math.max(1, size / rows);
    if (size >= rowGroupBytes - 2 * rowSize) {
      writeRowGroup();
      startRowGroup();
    } else {
      long rowsLeft = (rowGroupBytes - size) / rowSize;
      nextSizeCheck = rows + Math.max(properties.getMinRowCountForPageSizeCheck(),
          Math.min(properties.getMaxRowCountForPageSizeCheck(), rowsLeft / 2));
    }
  }

  private void startRowGroup() {
    pages = ColumnChunkPageWriteStore.builder()
        .withSchema(schema)
        .withCompressorProvider(column -> compressor)
        .withAllocator(properties.getAllocator())
        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
        .withRowGroupOrdinal(rowGroup)
        .build();
    store = properties.newColumnWriteStore(schema, pages, pages);
    for (int column = 0; column < columns.length; column++) {
      columns[column] = store.getColumnWriter(descriptors.get(column));
    }
    rows = 0;
    nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
  }

  private void writeRowGroup() throws IOException {
    try {
      if (rows > 0) {
        file.startBlock(rows);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        rowGroup++;
      }
    } finally {
      store.close();
      pages.close();
    }
  }

  /**
   * The one setting the codec reads from its Hadoop configuration. (parquet-floor's stand-in for
   * Hadoop's {@code Configuration} holds no values: it answers every default.)
   */
  private static final class ZstdLevel extends Configuration {
    private final int level;

    ZstdLevel(int level) {
      this.level = level;
    }

    @Override
    public int getInt(String name, int otherwise) {
      return "parquet.compression.codec.zstd.level".equals(name) ? level : otherwise;
    }
  }

  /** Writes the last row group and the footer; the stream under the file stays open. */
  @Override
  public void close() throws IOException {
    try {
      writeRowGroup();
      file.end(Map.of());
    } finally {
      codecs.release();
    }
  }
}
