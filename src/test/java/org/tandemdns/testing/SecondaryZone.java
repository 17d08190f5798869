package org.tandemdns.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A zone a peer serves as secondary: transferred from {@code primary} (signed with its key when it
 * has one), with NOTIFY accepted from the primary's address.
 *
 * @param origin zone name, without trailing dot
 * @param primary where to transfer from, and the TSIG key for transfers and NOTIFY
 * @param allowTransfer who may transfer the zone onwards from this secondary
 */
public record SecondaryZone(String origin, Remote primary, List<Acl> allowTransfer) {

  public SecondaryZone {
    origin = Names.relative(origin);
    allowTransfer = List.copyOf(allowTransfer);
  }

  public static SecondaryZone of(String origin, Endpoint primary) {
    return new SecondaryZone(origin, Remote.of(primary), List.of());
  }

  public static SecondaryZone of(String origin, Endpoint primary, TsigKey key) {
    return new SecondaryZone(origin, Remote.of(primary, key), List.of());
  }

  public SecondaryZone allowTransfer(Acl acl) {
    List<Acl> copy = new ArrayList<>(allowTransfer);
    copy.add(acl);
    return new SecondaryZone(origin, primary, copy);
  }

  /** The key used with the primary, if any. */
  public Optional<TsigKey> key() {
    return primary.key();
  }
}
