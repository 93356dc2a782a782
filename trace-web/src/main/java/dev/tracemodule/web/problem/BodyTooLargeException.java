package dev.tracemodule.web.problem;

import java.io.IOException;

/** A request body went past the configured limit while it was being read. */
public class BodyTooLargeException extends IOException {

  public BodyTooLargeException(long limitBytes) {
    super("The request body is larger than the limit of " + limitBytes + " bytes.");
  }
}
