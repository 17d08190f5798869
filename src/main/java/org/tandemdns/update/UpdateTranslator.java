package org.tandemdns.update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.change.RecordChange;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.SerialNumber;
import org.tandemdns.zone.Records;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The update section of an UPDATE: the prescan (RFC 2136 §3.4.1) and the translation into record
 * changes (§3.4.2), with the RFC's silent exceptions: a CNAME beside other data, or other data
 * beside a CNAME, is ignored; an SOA that is not newer is ignored; the apex SOA and NS RRsets are
 * never deleted, nor the last apex NS record.
 */
final class UpdateTranslator {
  private UpdateTranslator() {}

  /** §3.4.1: every record inside the zone, of a class and shape the RFC allows. */
  static void prescan(List<Record> updates, Name zone) throws UpdateRefused {
    for (Record r : updates) {
      if (!r.getName().subdomain(zone)) {
        throw new UpdateRefused(Rcode.NOTZONE, r.getName() + " is outside zone " + zone);
      }
      int type = r.getType();
      boolean meta = !Type.isRR(type) || type == Type.OPT;
      boolean empty = r.rdataToWireCanonical().length == 0;
      if (r.getDClass() == DClass.IN) {
        if (meta || type == Type.ANY) {
          throw new UpdateRefused(Rcode.FORMERR, "cannot add a " + Type.string(type) + " record");
        }
        if (r.getTTL() > Records.MAX_TTL) {
          throw new UpdateRefused(Rcode.FORMERR, "TTL " + r.getTTL() + " of " + r.getName() + " " + Type.string(type)
              + " is out of range (0 to " + Records.MAX_TTL + ", RFC 2181 §8)");
        }
      } else if (r.getDClass() == DClass.ANY) {
        if (r.getTTL() != 0 || !empty || (meta && type != Type.ANY)) {
          throw new UpdateRefused(Rcode.FORMERR, "a class ANY deletion must have TTL 0 and no RDATA");
        }
      } else if (r.getDClass() == DClass.NONE) {
        if (r.getTTL() != 0 || meta || type == Type.ANY) {
          throw new UpdateRefused(Rcode.FORMERR, "a class NONE deletion must have TTL 0 and a real type");
        }
      } else {
        throw new UpdateRefused(Rcode.FORMERR, "update record of class " + DClass.string(r.getDClass()));
      }
    }
  }

  /** §3.4.2: the changes the update section asks of {@code zone}. */
  static List<RecordChange> changes(List<Record> updates, ZoneSnapshot zone) {
    List<RecordChange> out = new ArrayList<>();
    Map<Name, Boolean> cnameAt = new HashMap<>();
    Map<Name, Boolean> otherAt = new HashMap<>();
    int apexNs = count(zone, zone.origin(), Type.NS);
    for (Record r : updates) {
      Name name = r.getName();
      int type = r.getType();
      boolean apex = name.equals(zone.origin());
      if (r.getDClass() == DClass.IN) {
        boolean hasCname = cnameAt.computeIfAbsent(name, n -> count(zone, n, Type.CNAME) > 0);
        boolean hasOther = otherAt.computeIfAbsent(name, n -> hasNonCname(zone, n));
        if ((type == Type.CNAME && hasOther) || (type != Type.CNAME && mayNotJoinCname(type) && hasCname)) {
          continue;
        }
        if (type == Type.SOA && (!apex || !SerialNumber.isNewer(((SOARecord) r).getSerial(), zone.serial()))) {
          continue;
        }
        out.add(new RecordChange.Add(r));
        if (type == Type.CNAME) {
          cnameAt.put(name, true);
        } else if (mayNotJoinCname(type)) {
          otherAt.put(name, true);
        }
        if (apex && type == Type.NS) {
          apexNs++;
        }
      } else if (r.getDClass() == DClass.ANY) {
        out.add(type == Type.ANY ? new RecordChange.DeleteName(name) : new RecordChange.DeleteRRset(name, type));
      } else if (type != Type.SOA) {
        if (apex && type == Type.NS) {
          if (apexNs <= 1) {
            continue;
          }
          apexNs--;
        }
        out.add(new RecordChange.Delete(Record.newRecord(name, type, DClass.IN, 0, r.rdataToWireCanonical())));
      }
    }
    return out;
  }

  private static boolean mayNotJoinCname(int type) {
    return type != Type.RRSIG && type != Type.NSEC && type != Type.KEY;
  }

  private static boolean hasNonCname(ZoneSnapshot zone, Name name) {
    Node n = zone.node(name);
    if (n == null) {
      return false;
    }
    for (int i = 0; i < n.rrsetCount(); i++) {
      int t = n.rrsetAt(i)[0].getType();
      if (t != Type.CNAME && mayNotJoinCname(t)) {
        return true;
      }
    }
    return false;
  }

  private static int count(ZoneSnapshot zone, Name name, int type) {
    Node n = zone.node(name);
    Record[] set = n == null ? null : n.rrset(type);
    return set == null ? 0 : set.length;
  }
}
