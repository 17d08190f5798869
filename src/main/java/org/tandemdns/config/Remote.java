package org.tandemdns.config;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Another DNS server Tandem talks to — a NOTIFY target (RFC 1996 §3.6) or a primary to transfer
 * from — written {@code ADDR[:PORT] [key NAME] [tls PROFILE]}, e.g. {@code 198.51.100.20:53 key
 * xfr-key}. {@code tls PROFILE} (primaries only) transfers over TLS (XoT, RFC 9103), trusting the
 * primary as the profile under {@code tls.profiles} says; the port is then 853 unless given.
 *
 * @param tls the TLS profile's name, or null for plain TCP
 */
public record Remote(HostPort address, Name key, String tls) {
  /** The XoT port (RFC 9103 §5, as DoT's in RFC 7858 §3.1). */
  public static final int TLS_PORT = 853;
  private static final String GRAMMAR = "expected ADDR[:PORT], then optionally key NAME, then optionally tls PROFILE";

  /** A remote reached over plain UDP/TCP. */
  public Remote(HostPort address, Name key) {
    this(address, key, null);
  }

  public static Remote parse(String text) {
    String[] w = text.trim().split("\\s+");
    int at = 1;
    Name key = null;
    String tls = null;
    if (at + 1 < w.length && w[at].equalsIgnoreCase("key")) {
      key = keyName(w[at + 1]);
      at += 2;
    }
    if (at + 1 < w.length && w[at].equalsIgnoreCase("tls")) {
      tls = w[at + 1];
      at += 2;
    }
    if (at != w.length) {
      throw new IllegalArgumentException("'" + text + "': " + GRAMMAR);
    }
    return new Remote(HostPort.parse(w[0], tls == null ? HostPort.DNS_PORT : TLS_PORT), key, tls);
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
    return address + (key == null ? "" : " key " + key) + (tls == null ? "" : " tls " + tls);
  }
}
