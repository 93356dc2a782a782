package dev.tracemodule.domain.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes exports, reading from storage and writing to the stream as it goes: memory does not grow
 * with the size of an export.
 */
public interface TraceExporter {

  /** Rows the export will write (traces, plus events when included), counted now. */
  long countRows(ExportSpec spec);

  /**
   * Writes the export to {@code out} and returns the rows written. Does not close {@code out}.
   *
   * @throws ExportCancelledException when {@code progress} asks to stop
   */
  long export(ExportSpec spec, OutputStream out, ExportProgress progress) throws IOException;

  /** Told the rows written so far, every few thousand rows. */
  @FunctionalInterface
  interface ExportProgress {
    ExportProgress NONE = rows -> true;

    /** Returns false to stop the export. */
    boolean rowsWritten(long rows);
  }

  /** The export was stopped on request; what it wrote is incomplete. */
  final class ExportCancelledException extends RuntimeException {
    public ExportCancelledException() {
      super("the export was cancelled", null, false, false);
    }
  }
}
