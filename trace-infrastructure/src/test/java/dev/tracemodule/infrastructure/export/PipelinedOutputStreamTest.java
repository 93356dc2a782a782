package dev.tracemodule.infrastructure.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PipelinedOutputStreamTest {

  @Test
  void everyByteArrivesInOrderAndTheTargetStaysOpen() throws IOException {
    byte[] data = new byte[3 * PipelinedOutputStream.BLOCK * PipelinedOutputStream.BLOCKS + 12_345];
    new Random(3).nextBytes(data);
    ByteArrayOutputStream target = new ByteArrayOutputStream() {
      @Override
      public void close() {
        throw new AssertionError("the target must stay open");
      }
    };
    Random sizes = new Random(5);
    try (OutputStream out = new PipelinedOutputStream(target, Thread::new)) {
      int at = 0;
      while (at < data.length) {
        if (sizes.nextInt(10) == 0) {
          out.write(data[at++]);
        } else {
          int n = Math.min(data.length - at, sizes.nextInt(300_000));
          out.write(data, at, n);
          at += n;
        }
      }
    }
    assertThat(target.toByteArray()).isEqualTo(data);
    target.write(7); // still usable by the caller
    assertThat(target.size()).isEqualTo(data.length + 1);
  }

  @Test
  void aFailureOfTheTargetReachesTheWriter() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        throw new IOException("connection reset");
      }
    };
    assertThatThrownBy(() -> {
      try (OutputStream out = new PipelinedOutputStream(broken, Thread::new)) {
        byte[] block = new byte[PipelinedOutputStream.BLOCK];
        for (int i = 0; i < 100; i++) {
          out.write(block);
        }
      }
    }).isInstanceOf(IOException.class).hasMessage("connection reset");
  }
}
