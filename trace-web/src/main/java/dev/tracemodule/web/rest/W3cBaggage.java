package dev.tracemodule.web.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code baggage} header (https://www.w3.org/TR/baggage/): comma-separated {@code
 * key=value} members, values percent-encoded, properties after a {@code ;} ignored here.
 */
final class W3cBaggage {

  static final String HEADER = "baggage";

  private W3cBaggage() {}

  /** The members of every {@code baggage} header given, the last of a key winning. */
  static Map<String, String> parse(List<String> headers) {
    Map<String, String> members = new LinkedHashMap<>();
    if (headers == null) {
      return members;
    }
    for (String header : headers) {
      for (String member : header.split(",")) {
        String entry = member.split(";", 2)[0];
        int equals = entry.indexOf('=');
        if (equals <= 0) {
          continue;
        }
        String key = entry.substring(0, equals).strip();
        String value = decode(entry.substring(equals + 1).strip());
        if (!key.isEmpty() && value != null) {
          members.put(key, value);
        }
      }
    }
    return members;
  }

  /** {@code header} (may be null) with the members set, replacing any of the same keys. */
  static String with(String header, Map<String, String> members) {
    StringBuilder text = new StringBuilder();
    if (header != null) {
      for (String member : header.split(",")) {
        String key = member.split("=", 2)[0].strip();
        if (!key.isEmpty() && !members.containsKey(key)) {
          append(text, member.strip());
        }
      }
    }
    members.forEach((key, value) -> append(text, key + "=" + encode(value)));
    return text.toString();
  }

  private static void append(StringBuilder text, String member) {
    if (text.length() > 0) {
      text.append(',');
    }
    text.append(member);
  }

  /** Percent-encodes what a baggage value may not hold: controls, space, {@code " , ; \ %}, non-ASCII. */
  static String encode(String value) {
    StringBuilder encoded = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\' && c != '%';
      if (plain) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  /** The value percent-decoded as UTF-8; null when its escapes are broken. */
  static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()) {
          return null;
        }
        int high = Character.digit(value.charAt(i + 1), 16);
        int low = Character.digit(value.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
