package org.tandemdns.sync.provider;

import org.xbill.DNS.Name;

/**
 * Route 53's presentation text, which differs from RFC 1035 §5.1 in one way: an escaped byte is
 * {@code \ooo}, three <em>octal</em> digits, where a zone file's {@code \DDD} is decimal. Route 53
 * writes every owner-name byte other than {@code a-z 0-9 - _} that way ({@code *} comes back as
 * {@code \052}) and lower-cases names; TXT and SPF strings use it for bytes that are not printable.
 * Other escapes ({@code \"}, {@code \\}) are the same in both.
 */
final class Route53Text {
  private Route53Text() {}

  /** Route 53 text ({@code \ooo}) as zone-file text ({@code \DDD}). */
  static String fromRoute53(String text) {
    return convert(text, 8, 10);
  }

  /** Zone-file text ({@code \DDD}) as Route 53 text ({@code \ooo}). */
  static String toRoute53(String text) {
    return convert(text, 10, 8);
  }

  private static String convert(String text, int fromRadix, int toRadix) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      int value = digits(text, i + 1, fromRadix);
      if (value >= 0) {
        String converted = Integer.toString(value, toRadix);
        out.append('\\').append("000", converted.length(), 3).append(converted);
        i += 3;
      } else {
        out.append(c).append(text.charAt(i + 1));
        i++;
      }
    }
    return out.toString();
  }

  /** The byte value of three digits of {@code radix} at {@code at}, or -1 when there are none. */
  private static int digits(String s, int at, int radix) {
    if (at + 3 > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = at; k < at + 3; k++) {
      int d = Character.digit(s.charAt(k), radix);
      if (d < 0) {
        return -1;
      }
      v = v * radix + d;
    }
    return v <= 255 ? v : -1;
  }

  /**
   * {@code name} as Route 53 takes it: absolute, {@code a-z 0-9 - _} literal, a wildcard label as
   * {@code *}, every other byte as {@code \ooo}; lower case, as Route 53 stores it.
   */
  static String name(Name name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.labels() - 1; i++) {
      byte[] label = name.getLabel(i);
      int length = label[0] & 0xff;
      if (length == 1 && label[1] == '*') {
        out.append('*');
      } else {
        for (int k = 1; k <= length; k++) {
          int b = label[k] & 0xff;
          b = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
          if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_') {
            out.append((char) b);
          } else {
            String octal = Integer.toOctalString(b);
            out.append('\\').append("000", octal.length(), 3).append(octal);
          }
        }
      }
      out.append('.');
    }
    return out.length() == 0 ? "." : out.toString();
  }
}
