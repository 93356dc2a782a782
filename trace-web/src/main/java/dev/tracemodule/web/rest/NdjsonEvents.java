package dev.tracemodule.web.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tracemodule.web.config.JsonMapping;
import dev.tracemodule.web.problem.NdjsonItemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@code application/x-ndjson} body: one event object per line. */
final class NdjsonEvents {

  static final String MEDIA_TYPE = "application/x-ndjson";

  private NdjsonEvents() {}

  /**
   * The events in the order of their lines. A line that is not JSON is reported with its line
   * and column; an object that does not fit names its index ({@code events[3].level}).
   */
  static <T> List<T> read(InputStream body, Class<T> type) throws IOException {
    List<T> events = new ArrayList<>();
    ObjectReader reader = JsonMapping.MAPPER.readerFor(type);
    try (MappingIterator<T> lines = reader.readValues(body)) {
      while (lines.hasNextValue()) {
        try {
          events.add(lines.nextValue());
        } catch (JsonMappingException e) {
          throw new NdjsonItemException(events.size(), e);
        }
      }
    }
    return events;
  }
}
