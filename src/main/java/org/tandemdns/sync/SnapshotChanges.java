package org.tandemdns.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Record;

/**
 * The changes that bring a target to a served version for a set of RRsets, without reading the
 * target first (continuous push): each RRset is replaced by the version's, or deleted when the
 * version has none. Such changes carry no "current" state, so they are unconditional; the SOA and
 * the apex NS are never among them, and types the target does not support are left out.
 */
public final class SnapshotChanges {
  private SnapshotChanges() {}

  /** The RRsets a committed diff touched (SOA included; {@link #of} leaves it out). */
  public static Set<RRsetKey> touched(ZoneDiff diff) {
    Set<RRsetKey> keys = new TreeSet<>();
    for (List<Record> list : List.of(diff.deleted(), diff.added())) {
      for (Record r : list) {
        keys.add(RRsetKey.of(r.getName(), r.getType()));
      }
    }
    return keys;
  }

  /** Changes making {@code keys} at the target what {@code version} holds. */
  public static List<RRsetChange> of(ZoneSnapshot version, Collection<RRsetKey> keys, IntPredicate supported) {
    Scope scope = new Scope(version.origin(), false, supported);
    List<RRsetChange> out = new ArrayList<>();
    for (RRsetKey key : new TreeSet<>(keys)) {
      if (!scope.includes(key)) {
        continue;
      }
      Node node = version.node(key.owner());
      Record[] set = node == null ? null : node.rrset(key.type());
      if (set == null) {
        out.add(new RRsetChange.Delete(key, null));
      } else {
        CanonicalRRset rrset = CanonicalZone.of(version.origin(), List.of(set)).get(key).orElseThrow();
        out.add(new RRsetChange.Update(null, rrset));
      }
    }
    return out;
  }
}
