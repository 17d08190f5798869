package org.tandemdns.zone;

import java.net.IDN;

/**
 * Domain names in text are ASCII (RFC 1035 §2.3.1; internationalised names in their A-label form,
 * RFC 5890 §2.3.2.1). Non-ASCII characters outside quoted strings are refused with the A-label to
 * write instead: dnsjava would store each character as one Latin-1 octet ({@code bücher} became
 * {@code b\252cher}, a name no resolver asks for), and BIND would store the UTF-8 octets, so the
 * same file would mean different names to each.
 */
public final class DomainNames {
  private DomainNames() {}

  /**
   * Throws when {@code text} (a name, or a master-file line) has a non-ASCII character outside a
   * quoted string; {@code what} says what the text is, for the message.
   */
  public static void requireAscii(String text, String what) {
    asciiText(text, what);
  }

  /**
   * {@code text} (a master-file line, or RDATA) with every non-ASCII character inside a quoted
   * string written as the {@code \DDD} escapes of its UTF-8 octets, as BIND stores such text
   * ({@code "café"} is {@code "caf\195\169"}): dnsjava would read the UTF-8 octets as Latin-1
   * characters and encode them again, doubling them. Throws for a non-ASCII character outside
   * quotes, as {@link #requireAscii} does. Returns {@code text} itself when it is all ASCII.
   */
  public static String asciiText(String text, String what) {
    StringBuilder out = null;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (out != null) {
          out.append(c);
          if (i + 1 < text.length()) {
            out.append(text.charAt(i + 1));
          }
        }
        i++;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c > 0x7F) {
        if (!quoted) {
          throw new IllegalArgumentException(what + " has non-ASCII characters in '" + word(text, i)
              + "': write an internationalised name as its A-label (punycode)" + hint(word(text, i)));
        }
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        int cp = text.codePointAt(i);
        for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append('\\').append(String.format("%03d", b & 0xFF));
        }
        i += Character.charCount(cp) - 1;
        continue;
      }
      if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static String word(String text, int at) {
    int from = at;
    while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    int to = at;
    while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
      to++;
    }
    return text.substring(from, to);
  }

  private static String hint(String word) {
    try {
      return ", here " + IDN.toASCII(word, IDN.ALLOW_UNASSIGNED) + " (IDNA2003: check names with ß, ς or joiners)";
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
