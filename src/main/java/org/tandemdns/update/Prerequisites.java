package org.tandemdns.update;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The prerequisite section of an UPDATE, checked against one version of the zone (RFC 2136 §3.2). */
final class Prerequisites {
  private Prerequisites() {}

  /** Checks {@code prereqs} in order; throws with the first failing rcode. */
  static void check(List<Record> prereqs, ZoneSnapshot zone) throws UpdateRefused {
    Map<String, List<Record>> valueDependent = new LinkedHashMap<>();
    for (Record r : prereqs) {
      if (!r.getName().subdomain(zone.origin())) {
        throw new UpdateRefused(Rcode.NOTZONE, r.getName() + " is outside zone " + zone.origin());
      }
      if (r.getTTL() != 0) {
        throw new UpdateRefused(Rcode.FORMERR, "prerequisite " + r.getName() + " has a TTL (RFC 2136 §3.2.1)");
      }
      int type = r.getType();
      boolean empty = r.rdataToWireCanonical().length == 0;
      if (r.getDClass() == DClass.ANY) {
        if (!empty) {
          throw new UpdateRefused(Rcode.FORMERR, "prerequisite of class ANY with RDATA");
        }
        if (type == Type.ANY) {
          if (!inUse(zone, r.getName())) {
            throw new UpdateRefused(Rcode.NXDOMAIN, "name " + r.getName() + " is not in use");
          }
        } else if (rrset(zone, r.getName(), type) == null) {
          throw new UpdateRefused(Rcode.NXRRSET, "no " + Type.string(type) + " RRset at " + r.getName());
        }
      } else if (r.getDClass() == DClass.NONE) {
        if (!empty) {
          throw new UpdateRefused(Rcode.FORMERR, "prerequisite of class NONE with RDATA");
        }
        if (type == Type.ANY) {
          if (inUse(zone, r.getName())) {
            throw new UpdateRefused(Rcode.YXDOMAIN, "name " + r.getName() + " is in use");
          }
        } else if (rrset(zone, r.getName(), type) != null) {
          throw new UpdateRefused(Rcode.YXRRSET, "a " + Type.string(type) + " RRset exists at " + r.getName());
        }
      } else if (r.getDClass() == DClass.IN) {
        valueDependent.computeIfAbsent(r.getName().toString().toLowerCase() + "/" + type, k -> new ArrayList<>()).add(r);
      } else {
        throw new UpdateRefused(Rcode.FORMERR, "prerequisite of class " + DClass.string(r.getDClass()));
      }
    }
    for (List<Record> wanted : valueDependent.values()) {
      Record[] have = rrset(zone, wanted.get(0).getName(), wanted.get(0).getType());
      if (have == null || !sameRdata(wanted, have)) {
        throw new UpdateRefused(Rcode.NXRRSET, "the " + Type.string(wanted.get(0).getType()) + " RRset at "
            + wanted.get(0).getName() + " is not exactly as given");
      }
    }
  }

  private static boolean sameRdata(List<Record> wanted, Record[] have) {
    Set<String> a = new HashSet<>();
    for (Record r : wanted) {
      a.add(java.util.HexFormat.of().formatHex(r.rdataToWireCanonical()));
    }
    Set<String> b = new HashSet<>();
    for (Record r : have) {
      b.add(java.util.HexFormat.of().formatHex(r.rdataToWireCanonical()));
    }
    return a.equals(b);
  }

  /** A name is in use when it owns at least one RRset (an empty non-terminal is not, RFC 2136 §2.4.4). */
  private static boolean inUse(ZoneSnapshot zone, Name name) {
    Node n = zone.node(name);
    return n != null && !n.isEmpty();
  }

  private static Record[] rrset(ZoneSnapshot zone, Name name, int type) {
    Node n = zone.node(name);
    return n == null ? null : n.rrset(type);
  }

}
