package dev.tracemodule.web.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decodes {@code Content-Encoding: gzip} bodies and refuses bodies over {@code
 * trace.http.max-body-bytes}: at once when Content-Length says so, otherwise as soon as reading
 * passes the limit. The limit counts decompressed bytes, so neither a chunked body nor a small
 * gzip bomb can fill the heap.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "trace.http.max-body-bytes", defaultValue = "10485760")
  long maxBodyBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBodyBytes) {
      request.abortWith(ProblemType.BODY_TOO_LARGE.problem(new BodyTooLargeException(maxBodyBytes).getMessage()).toResponse());
      return;
    }
    if (!request.hasEntity()) {
      return;
    }
    InputStream body = request.getEntityStream();
    String encoding = request.getHeaderString(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
      if (!encoding.strip().equalsIgnoreCase("gzip")) {
        request.abortWith(
            ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("Content-Encoding " + encoding + " is not supported; use gzip.")
                .toResponse());
        return;
      }
      body = new GunzippingStream(body);
      request.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
      request.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    }
    request.setEntityStream(new LimitedStream(body, maxBodyBytes));
  }

  /** Gzip decoding whose failures are the client's: a corrupt or truncated body is a 400. */
  private static final class GunzippingStream extends InputStream {
    private final InputStream compressed;
    private InputStream gunzipped;

    GunzippingStream(InputStream compressed) {
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        if (gunzipped == null) {
          gunzipped = new GZIPInputStream(compressed, 64 * 1024);
        }
        return gunzipped.read(buffer, offset, length);
      } catch (ZipException | EOFException e) {
        throw new MalformedBodyException("The gzip body is corrupt or truncated.", e);
      }
    }

    @Override
    public void close() throws IOException {
      compressed.close();
    }
  }

  private static final class LimitedStream extends FilterInputStream {
    private final long limit;
    private long read;

    LimitedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit);
      }
    }
  }
}
