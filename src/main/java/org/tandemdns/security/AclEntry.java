package org.tandemdns.security;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * One rule of an access list: the addresses it covers and, optionally, the TSIG key a request must
 * be signed with. Written {@code PREFIX}, {@code PREFIX key NAME}, {@code key NAME} (any address),
 * {@code any} or {@code none}.
 */
public record AclEntry(List<AddressPrefix> prefixes, Name key) {
  private static final List<AddressPrefix> ANY =
      List.of(AddressPrefix.parse("0.0.0.0/0"), AddressPrefix.parse("::/0"));

  public AclEntry {
    prefixes = List.copyOf(prefixes);
  }

  public static AclEntry parse(String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length == 1 && words[0].equalsIgnoreCase("none")) {
      return new AclEntry(List.of(), null);
    }
    if (words.length == 2 && words[0].equalsIgnoreCase("key")) {
      return new AclEntry(ANY, Names.absolute(words[1]));
    }
    if (words.length != 1 && !(words.length == 3 && words[1].equalsIgnoreCase("key"))) {
      throw new IllegalArgumentException("'" + text + "': expected PREFIX, PREFIX key NAME, key NAME, any or none");
    }
    List<AddressPrefix> prefixes = words[0].equalsIgnoreCase("any") ? ANY : List.of(AddressPrefix.parse(words[0]));
    return new AclEntry(prefixes, words.length == 3 ? Names.absolute(words[2]) : null);
  }

  /** The entry as written in configuration; {@link #parse} reads it back. */
  @Override
  public String toString() {
    String where = prefixes.isEmpty() ? "none" : prefixes.equals(ANY) ? (key == null ? "any" : "") : prefixes.get(0).toString();
    if (key == null) {
      return where;
    }
    return (where.isEmpty() ? "" : where + " ") + "key " + key;
  }

  /** True when {@code remote} is covered and, if a key is required, the request was verified with it. */
  public boolean allows(InetAddress remote, Name verifiedKey) {
    if (key != null && !key.equals(verifiedKey)) {
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
