package org.tandemdns.store;

/**
 * Who made a change, for the audit history kept with each journal entry.
 *
 * @param via the path the change took: {@code api}, {@code update} (RFC 2136), {@code reload} (a
 *     zone file read again), {@code transfer} (AXFR/IXFR in), {@code catalog} (a catalog this
 *     server produces), {@code signer} (DNSSEC maintenance), {@code promote}
 * @param who the API token's name, the TSIG key's name ({@code key NAME}), the primary, or the
 *     trigger of a reload; never a secret
 * @param address the client's or primary's IP address, or empty when the change came from inside
 */
public record Actor(String via, String who, String address) {
  public Actor {
    via = via == null || via.isBlank() ? "unknown" : via;
    who = who == null ? "" : who;
    address = address == null ? "" : address;
  }

  /** A change Tandem made on its own ({@code who} says what it did). */
  public static Actor internal(String via, String who) {
    return new Actor(via, who, "");
  }

  /** For changes whose author is not known (stores written before the audit history). */
  public static Actor unknown() {
    return new Actor("unknown", "", "");
  }

  @Override
  public String toString() {
    return via + (who.isEmpty() ? "" : " " + who) + (address.isEmpty() ? "" : " from " + address);
  }
}
