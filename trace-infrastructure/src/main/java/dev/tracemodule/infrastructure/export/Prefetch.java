package dev.tracemodule.infrastructure.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Reads rows on one thread while the caller writes them on its own, through a small bounded queue
 * of batches: PostgreSQL and the reading keep going while the writer encodes and compresses,
 * instead of taking turns. The queue holds at most {@link #BATCHES} batches of {@link #BATCH}
 * rows, so memory stays flat.
 */
final class Prefetch {

  static final int BATCH = 1_000;
  static final int BATCHES = 8;

  private static final List<Object> END = List.of();

  /** Produces rows; {@link Rows#add} blocks while the writer is behind. */
  @FunctionalInterface
  interface Reader {
    void read(Rows rows) throws SQLException, IOException, InterruptedException;
  }

  /** Takes each row, in the order read. */
  @FunctionalInterface
  interface Writer {
    void write(Object row) throws IOException;
  }

  /** The reader's side of the queue. */
  static final class Rows {
    private final BlockingQueue<List<Object>> queue;
    private List<Object> batch = new ArrayList<>(BATCH);
    private volatile boolean stopped;

    private Rows(BlockingQueue<List<Object>> queue) {
      this.queue = queue;
    }

    void add(Object row) throws InterruptedException {
      batch.add(row);
      if (batch.size() == BATCH) {
        flush();
      }
    }

    boolean stopped() {
      return stopped;
    }

    private void flush() throws InterruptedException {
      if (!batch.isEmpty() && !stopped) {
        queue.put(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
  }

  private Prefetch() {}

  static void run(ThreadFactory threads, Reader reader, Writer writer) throws IOException, SQLException {
    BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(BATCHES);
    Rows rows = new Rows(queue);
    Throwable[] failure = {null};
    Thread reading = threads.newThread(() -> {
      try {
        reader.read(rows);
        rows.flush();
      } catch (Throwable e) {
        failure[0] = e;
      } finally {
        try {
          if (!rows.stopped) {
            queue.put(END);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    reading.start();
    try {
      for (List<Object> batch = take(queue); batch != END; batch = take(queue)) {
        for (Object row : batch) {
          writer.write(row);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      // Let the reader finish: it must not block on a full queue nor use the connection after us.
      rows.stopped = true;
      queue.clear();
      reading.interrupt();
      join(reading);
      throw e;
    }
    join(reading);
    rethrow(failure[0]);
  }

  private static List<Object> take(BlockingQueue<List<Object>> queue) throws InterruptedIOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while exporting");
    }
  }

  private static void join(Thread thread) throws InterruptedIOException {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while exporting");
    }
  }

  private static void rethrow(Throwable failure) throws IOException, SQLException {
    if (failure == null) {
      return;
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof SQLException sql) {
      throw sql;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IOException("reading the export failed", failure);
  }
}
