package org.tandemdns.store;

import org.tandemdns.zone.ZoneDiff;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The shape checks the store itself needs before writing: class IN only, data inside the zone, SOAs
 * at the apex and never in a diff's lists (RFC 1995 §4). Zone rules proper (RFC 1034, RFC 2181)
 * are checked earlier, when the change is validated.
 */
final class RecordChecks {
  private static final int MAX_SHOWN = 200;

  private RecordChecks() {}

  static void checkDiff(Name zone, ZoneDiff diff) throws StoreException {
    String what = "zone " + zone + ": diff from serial " + diff.fromSerial() + " to " + diff.toSerial();
    if (!diff.toSoa().getName().equals(zone) || !diff.fromSoa().getName().equals(zone)) {
      throw new StoreException(what + " has an SOA that is not at the zone apex; nothing was changed");
    }
    checkSoa(what, diff.toSoa());
    for (Record r : diff.deleted()) {
      check(zone, what, r, "deletes");
    }
    for (Record r : diff.added()) {
      check(zone, what, r, "adds");
    }
  }

  static void checkSoa(String what, Record soa) throws StoreException {
    if (soa.getDClass() != DClass.IN) {
      throw new StoreException(what + ": the SOA has class " + DClass.string(soa.getDClass())
          + "; only class IN is stored");
    }
  }

  private static void check(Name zone, String what, Record r, String verb) throws StoreException {
    if (r.getType() == Type.SOA) {
      throw new StoreException(what + " " + verb + " an SOA record in its list; SOAs belong in fromSoa and "
          + "toSoa only (RFC 1995 §4); nothing was changed");
    }
    if (r.getDClass() != DClass.IN) {
      throw new StoreException(what + " " + verb + " " + show(r) + " of class " + DClass.string(r.getDClass())
          + "; only class IN is stored; nothing was changed");
    }
    if (!r.getName().subdomain(zone)) {
      throw new StoreException(what + " " + verb + " " + show(r) + ", which is outside the zone; nothing was changed");
    }
  }

  /** A record in presentation form, shortened for messages. */
  static String show(Record r) {
    String s = r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString();
    return s.length() <= MAX_SHOWN ? "'" + s + "'" : "'" + s.substring(0, MAX_SHOWN) + "...'";
  }
}
