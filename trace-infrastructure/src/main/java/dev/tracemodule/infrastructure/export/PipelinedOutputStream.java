package dev.tracemodule.infrastructure.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Hands what is written to a thread of its own, which writes it on to {@code target}: the caller
 * goes on encoding rows while the worker compresses (a deflating zip entry or gzip stream) and
 * sends. Deflating was half of a CSV export's time on the writing thread; now the two overlap.
 *
 * <p>Bytes travel in blocks of {@link #BLOCK} through a queue of {@link #BLOCKS}, so memory stays
 * flat. {@link #flush()} does nothing: everything is written by {@link #close()}, which waits for
 * the worker and leaves {@code target} open and usable by the caller again (for the next zip
 * entry, say). A failure of the worker is thrown by the caller's next write or by {@code close}.
 */
final class PipelinedOutputStream extends OutputStream {

  static final int BLOCK = 128 * 1024;
  static final int BLOCKS = 8;

  private static final byte[] END = new byte[0];

  /** Blocks to write, each as long as its array. */
  private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BLOCKS);
  /** Written blocks, to be filled again. */
  private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BLOCKS + 2);
  private final Thread worker;
  private volatile Throwable failure;
  /** The caller has been told of the failure: closing then has nothing more to say. */
  private boolean failureThrown;
  private byte[] block = new byte[BLOCK];
  private int filled;
  private boolean closed;

  PipelinedOutputStream(OutputStream target, ThreadFactory threads) {
    worker = threads.newThread(() -> drain(target));
    worker.start();
  }

  private void drain(OutputStream target) {
    try {
      for (byte[] next = full.take(); next != END; next = full.take()) {
        target.write(next, 0, next.length);
        if (next.length == BLOCK) {
          empty.offer(next);
        }
      }
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("interrupted while writing the export");
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == BLOCK) {
      handOver();
    }
    block[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (filled == BLOCK) {
        handOver();
      }
      int n = Math.min(length, BLOCK - filled);
      System.arraycopy(bytes, offset, block, filled, n);
      filled += n;
      offset += n;
      length -= n;
    }
  }

  private void handOver() throws IOException {
    put(block);
    byte[] reused = empty.poll();
    block = reused != null ? reused : new byte[BLOCK];
    filled = 0;
  }

  /** Writes everything to {@code target} and waits for the worker; {@code target} stays open. */
  @Override
  public void close() throws IOException {
    if (closed || failureThrown) {
      return;
    }
    closed = true;
    if (filled > 0) {
      byte[] last = new byte[filled];
      System.arraycopy(block, 0, last, 0, filled);
      put(last);
    }
    put(END);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the export");
    }
    rethrow();
  }

  /** Waits for room in the queue, unless the worker has failed: then its failure is thrown. */
  private void put(byte[] next) throws IOException {
    try {
      while (!full.offer(next, 50, TimeUnit.MILLISECONDS)) {
        if (!worker.isAlive()) {
          rethrow();
          throw new IOException("the export's writing thread stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.interrupt();
      throw new InterruptedIOException("interrupted while writing the export");
    }
    rethrow();
  }

  private void rethrow() throws IOException {
    Throwable failed = failure;
    failureThrown = failed != null;
    if (failed instanceof IOException io) {
      throw io;
    }
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failed instanceof Error error) {
      throw error;
    }
  }
}
