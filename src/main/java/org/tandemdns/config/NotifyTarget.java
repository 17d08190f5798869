package org.tandemdns.config;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A NOTIFY destination (RFC 1996 §3.6), written {@code ADDR[:PORT] [key NAME]}, e.g.
 * {@code 198.51.100.20:53 key xfr-key}.
 */
public record NotifyTarget(HostPort address, Name key) {
  public static NotifyTarget parse(String text) {
    String[] w = text.trim().split("\\s+");
    if (w.length == 1) {
      return new NotifyTarget(HostPort.parse(w[0], HostPort.DNS_PORT), null);
    }
    if (w.length == 3 && w[1].equalsIgnoreCase("key")) {
      return new NotifyTarget(HostPort.parse(w[0], HostPort.DNS_PORT), keyName(w[2]));
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
