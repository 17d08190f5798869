package org.tandemdns.testing;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Domain name spelling shared by the config writers: config files want names without the root dot. */
final class Names {

  private Names() {}

  /** {@code name} without its trailing dot ({@code "example.com."} becomes {@code "example.com"}). */
  static String relative(String name) {
    if (name.isEmpty() || name.equals(".")) {
      throw new IllegalArgumentException("the root zone is not supported here: '" + name + "'");
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** {@code name} as an absolute dnsjava name. */
  static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad domain name '" + name + "'", e);
    }
  }
}
