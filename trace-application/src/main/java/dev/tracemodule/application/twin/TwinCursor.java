package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque cursor of a page of objects: the last object id, so the next page starts after it. */
final class TwinCursor {

  private TwinCursor() {}

  static String encode(String lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + lastId).getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("o:") && text.length() > 2) {
        return text.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    throw new InvalidValueException("cursor", "is not a cursor this API gave out");
  }
}
