package dev.tracemodule.infrastructure.export;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-java's value writers, except that a dictionary-encoded text column looks a value up
 * only when it is not the very object written just before. The events table repeats its trace's
 * columns on every event, the same objects event after event; hashing and comparing them, a
 * metadata document each time, was a fifth of a Parquet export's time. The file is the same.
 */
final class RepeatAwareValuesWriters implements ValuesWriterFactory {

  private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
  private ParquetProperties properties;

  @Override
  public void initialize(ParquetProperties properties) {
    this.properties = properties;
    defaults.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor column) {
    if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
        || !properties.isDictionaryEnabled(column)
        || properties.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0) {
      return defaults.newValuesWriter(column);
    }
    // As parquet-java's default for a version 1 file: a dictionary, plain once it grows too big.
    return FallbackValuesWriter.of(
        new RepeatAwareDictionary(properties.getDictionaryPageSizeThreshold(), properties.getAllocator()),
        new PlainValuesWriter(properties.getInitialSlabSize(), properties.getPageSizeThreshold(),
            properties.getAllocator()));
  }

  /** The values must be constant: the same object always holds the same bytes. */
  private static final class RepeatAwareDictionary extends PlainBinaryDictionaryValuesWriter {
    private Binary previous;
    private int previousId;

    RepeatAwareDictionary(int maxDictionaryBytes, ByteBufferAllocator allocator) {
      super(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
    }

    @Override
    public void writeBytes(Binary value) {
      if (value != previous) {
        int id = binaryDictionaryContent.getInt(value);
        if (id == -1) {
          id = binaryDictionaryContent.size();
          binaryDictionaryContent.put(value.copy(), id);
          dictionaryByteSize += 4L + value.length(); // a length, then the bytes
        }
        previous = value;
        previousId = id;
      }
      encodedValues.add(previousId);
    }

    @Override
    protected void clearDictionaryContent() {
      super.clearDictionaryContent();
      previous = null;
    }
  }
}
