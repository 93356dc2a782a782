package dev.tracemodule.domain.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tracemodule.domain.query.TraceFilter;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import org.junit.jupiter.api.Test;

class ExportSpecTest {

  private static final TraceFilter ALL = TraceFilter.all(TenantId.DEFAULT);

  @Test
  void parquetCompressesItselfAndRefusesGzip() {
    assertThat(new ExportSpec(ALL, ExportFormat.PARQUET, null, false, null).compression()).isEqualTo(ExportCompression.ZSTD);
    InvalidValueException gzip = catchThrowableOfType(InvalidValueException.class,
        () -> new ExportSpec(ALL, ExportFormat.PARQUET, ExportCompression.GZIP, false, null));
    assertThat(gzip.field()).isEqualTo("compression");
    InvalidValueException zstdCsv = catchThrowableOfType(InvalidValueException.class,
        () -> new ExportSpec(ALL, ExportFormat.CSV, ExportCompression.ZSTD, false, null));
    assertThat(zstdCsv.field()).isEqualTo("compression");
    assertThat(catchThrowableOfType(InvalidValueException.class, () -> new ExportSpec(ALL, null, null, false, null)).field())
        .isEqualTo("format");
  }

  @Test
  void severalFilesTravelAsAZipAndOneFileMayBeGzipped() {
    ExportSpec csvWithEvents = new ExportSpec(ALL, ExportFormat.CSV, ExportCompression.GZIP, true, null);
    assertThat(csvWithEvents.zipped()).isTrue();
    assertThat(csvWithEvents.gzipped()).as("a zip deflates its entries instead").isFalse();
    assertThat(csvWithEvents.contentType()).isEqualTo("application/zip");
    assertThat(csvWithEvents.fileName("traces")).isEqualTo("traces.zip");

    ExportSpec ndjson = new ExportSpec(ALL, ExportFormat.NDJSON, ExportCompression.GZIP, true, ExportSpec.DEFAULT_METRICS);
    assertThat(ndjson.zipped()).isFalse();
    assertThat(ndjson.gzipped()).isTrue();
    assertThat(ndjson.contentType()).isEqualTo("application/x-ndjson");
    assertThat(ndjson.fileName("traces")).isEqualTo("traces.ndjson");

    assertThat(new ExportSpec(ALL, ExportFormat.PARQUET, null, false, ExportSpec.DEFAULT_METRICS).zipped()).isTrue();
    assertThat(new ExportSpec(ALL, ExportFormat.PARQUET, null, false, null).contentType())
        .isEqualTo("application/vnd.apache.parquet");
  }
}
