package org.tandemdns.config;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Another DNS server Tandem talks to — a NOTIFY target (RFC 1996 §3.6) or a primary to transfer
 * from — written {@code ADDR[:PORT] [key NAME]}, e.g. {@code 198.51.100.20:53 key xfr-key}.
 */
public record Remote(HostPort address, Name key) {
  public static Remote parse(String text) {
    String[] w = text.trim().split("\\s+");
    if (w.length == 1) {
      return new Remote(HostPort.parse(w[0], HostPort.DNS_PORT), null);
    }
    if (w.length == 3 && w[1].equalsIgnoreCase("key")) {
      return new Remote(HostPort.parse(w[0], HostPort.DNS_PORT), keyName(w[2]));
    }
    throw new IllegalArgumentException("'" + text + "': expected ADDR[:PORT] or ADDR[:PORT] key NAME");
  }

  static Name keyName(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a valid key name");
    }
  }

  @Override
  public String toString() {
    return address + (key == null ? "" : " key " + key);
  }
}
