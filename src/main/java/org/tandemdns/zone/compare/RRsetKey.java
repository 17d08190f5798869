package org.tandemdns.zone.compare;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Identity of an RRset: owner name and type (class is always the zone's class).
 *
 * <p>The owner is kept in lower case, and keys order by DNSSEC canonical name order (RFC 4034
 * §6.1), then by type number.
 *
 * @param owner owner name, absolute, lower case
 * @param type RR type number
 */
public record RRsetKey(Name owner, int type) implements Comparable<RRsetKey> {

  public RRsetKey {
    Objects.requireNonNull(owner, "owner");
    if (!owner.isAbsolute()) {
      throw new IllegalArgumentException("owner must be absolute: " + owner);
    }
    owner = owner.canonicalize();
    Type.check(type);
  }

  /** The key for {@code owner}/{@code type}. */
  public static RRsetKey of(Name owner, int type) {
    return new RRsetKey(owner, type);
  }

  /** Mnemonic of the type, e.g. {@code AAAA} or {@code TYPE65534}. */
  public String typeName() {
    return Type.string(type);
  }

  @Override
  public int compareTo(RRsetKey o) {
    int c = owner.compareTo(o.owner);
    return c != 0 ? c : Integer.compare(type, o.type);
  }

  @Override
  public String toString() {
    return owner + " " + typeName();
  }
}
