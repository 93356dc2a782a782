package dev.tracemodule.web.config;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads RFC 3339 timestamps ({@code 2026-11-22T10:15:30.123456Z}, or with an offset) through the
 * ITU parser, several times faster than {@code java.time}'s formatter, which showed as the largest
 * single cost of reading an event batch. Anything else (epoch numbers, forms ITU refuses) goes to
 * Jackson's own deserializer, so what is accepted and how errors read stay the same.
 */
final class FastInstantDeserializer extends StdScalarDeserializer<Instant> {

  FastInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      try {
        return ITU.parseDateTime(parser.getText()).toInstant();
      } catch (DateTimeException notRfc3339) {
        // Jackson's deserializer decides: it accepts a few more forms and names the field if not.
      }
    }
    return InstantDeserializer.INSTANT.deserialize(parser, context);
  }
}
