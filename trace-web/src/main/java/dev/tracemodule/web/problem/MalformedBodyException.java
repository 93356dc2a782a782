package dev.tracemodule.web.problem;

import java.io.IOException;

/** The request body could not be decoded: corrupt or truncated compression, invalid UTF-8. */
public class MalformedBodyException extends IOException {

  public MalformedBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
