package org.tandemdns.security;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Parsing of names written by operators, where the final dot is optional. */
final class Names {
  private Names() {}

  static Name absolute(String text) {
    String s = text.trim();
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid name: " + e.getMessage());
    }
  }
}
