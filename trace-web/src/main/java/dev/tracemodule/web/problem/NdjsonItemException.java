package dev.tracemodule.web.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;

/** One item of a newline-delimited batch did not fit an event; {@code index} counts from 0. */
public class NdjsonItemException extends IOException {

  private final int index;

  public NdjsonItemException(int index, JsonMappingException cause) {
    super("events[" + index + "]: " + cause.getOriginalMessage(), cause);
    this.index = index;
  }

  public int index() {
    return index;
  }

  public JsonMappingException mappingError() {
    return (JsonMappingException) getCause();
  }
}
