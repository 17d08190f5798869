package org.tandemdns.ui;

/**
 * HTML text made safe: every value a page shows goes through {@link #esc}, which escapes the five
 * characters that could end a text node or a quoted attribute (HTML §13.1.2.6), so record data,
 * zone names and error messages can never become markup or script.
 */
final class Html {
  private Html() {}

  static String esc(Object value) {
    String s = value == null ? "" : value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A path segment for a link: letters, digits and {@code . - _} as they are, the rest %-encoded. */
  static String segment(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
