package org.tandemdns.security;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * One rule of an access list: the addresses it covers, optionally the TSIG key a request must be
 * signed with, and optionally the transport security its connection must have. Written
 * {@code WHERE [key NAME] [tls | mtls]} with WHERE a prefix or {@code any}, or {@code key NAME [tls
 * | mtls]} (any address), or {@code none}. {@code tls} requires a TLS connection (XoT, RFC 9103);
 * {@code mtls} one whose client presented a certificate the listener's {@code client-ca} verified
 * (RFC 9103 §9.3.2).
 */
public record AclEntry(List<AddressPrefix> prefixes, Name key, TransportSecurity requires) {
  private static final List<AddressPrefix> ANY =
      List.of(AddressPrefix.parse("0.0.0.0/0"), AddressPrefix.parse("::/0"));
  private static final String GRAMMAR = "expected PREFIX, any or key NAME, optionally followed by key NAME and by tls or mtls;"
      + " or none";

  public AclEntry {
    prefixes = List.copyOf(prefixes);
    requires = requires == null ? TransportSecurity.NONE : requires;
  }

  /** An entry any transport meets. */
  public AclEntry(List<AddressPrefix> prefixes, Name key) {
    this(prefixes, key, TransportSecurity.NONE);
  }

  public static AclEntry parse(String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length == 1 && words[0].equalsIgnoreCase("none")) {
      return new AclEntry(List.of(), null);
    }
    int at = 0;
    List<AddressPrefix> prefixes = ANY;
    if (!words[0].equalsIgnoreCase("key")) {
      prefixes = words[0].equalsIgnoreCase("any") ? ANY : List.of(AddressPrefix.parse(words[0]));
      at = 1;
    }
    Name key = null;
    if (at < words.length && words[at].equalsIgnoreCase("key")) {
      if (at + 1 >= words.length) {
        throw new IllegalArgumentException("'" + text + "': 'key' needs the key's name");
      }
      key = Names.absolute(words[at + 1]);
      at += 2;
    }
    TransportSecurity requires = TransportSecurity.NONE;
    if (at < words.length && (words[at].equalsIgnoreCase("tls") || words[at].equalsIgnoreCase("mtls"))) {
      requires = words[at].equalsIgnoreCase("tls") ? TransportSecurity.TLS : TransportSecurity.MUTUAL_TLS;
      at++;
    }
    if (at != words.length) {
      throw new IllegalArgumentException("'" + text + "': " + GRAMMAR);
    }
    return new AclEntry(prefixes, key, requires);
  }

  /** The entry as written in configuration; {@link #parse} reads it back. */
  @Override
  public String toString() {
    String where = prefixes.isEmpty() ? "none" : prefixes.equals(ANY) ? (key == null ? "any" : "") : prefixes.get(0).toString();
    String text = key == null ? where : (where.isEmpty() ? "" : where + " ") + "key " + key;
    return switch (requires) {
      case NONE -> text;
      case TLS -> text + " tls";
      case MUTUAL_TLS -> text + " mtls";
    };
  }

  /** True when {@code remote} is covered and, if a key is required, the request was verified with it. */
  public boolean allows(InetAddress remote, Name verifiedKey) {
    return allows(remote, verifiedKey, TransportSecurity.NONE);
  }

  /**
   * True when {@code remote} is covered, the request was verified with the key required (if any),
   * and its connection has the security required (if any).
   */
  public boolean allows(InetAddress remote, Name verifiedKey, TransportSecurity security) {
    if (key != null && !key.equals(verifiedKey)) {
      return false;
    }
    if (!security.satisfies(requires)) {
      return false;
    }
    for (AddressPrefix p : prefixes) {
      if (p.contains(remote)) {
        return true;
      }
    }
    return false;
  }
}
