package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * The cross-record checks {@code named-checkzone} makes by default ({@code check-integrity}) that
 * a zone can fail while each record is valid on its own: a name that NS, MX or SRV records point
 * to inside the zone must have address records, must not be a CNAME (RFC 2181 §10.3, RFC 1034
 * §3.6.2), and a delegation to a nameserver below its own cut needs glue (RFC 1034 §4.2.1). These
 * are warnings: the zone is served as written, but resolvers will struggle with it.
 */
public final class ZoneIntegrity {
  private ZoneIntegrity() {}

  /**
   * Every integrity problem of {@code zone}.
   *
   * @param where the source of the RRset (owner, type) for the message, e.g. "db.example:12"
   */
  public static List<String> check(ZoneSnapshot zone, BiFunction<Name, Integer, String> where) {
    List<String> out = new ArrayList<>();
    Name origin = zone.origin();
    for (Node node : zone.nodes()) {
      if (node.isEmpty() || zone.occluded(node.name())) {
        continue;
      }
      boolean cut = node.isDelegation();
      for (Record r : records(node, Type.NS)) {
        Name target = ((NSRecord) r).getTarget();
        if (cut && target.subdomain(node.name())) {
          if (!hasAddress(zone, target)) {
            out.add(where.apply(node.name(), Type.NS) + ": delegation " + node.name() + " NS " + target
                + " is below the cut and has no glue (A or AAAA); resolvers cannot reach it (RFC 1034 §4.2.1)");
          }
        } else {
          targetProblem(zone, origin, node.name(), "NS", target, where.apply(node.name(), Type.NS)).ifPresent(out::add);
        }
      }
      if (cut) {
        continue;
      }
      for (Record r : records(node, Type.MX)) {
        targetProblem(zone, origin, node.name(), "MX", ((MXRecord) r).getTarget(), where.apply(node.name(), Type.MX)).ifPresent(out::add);
      }
      for (Record r : records(node, Type.SRV)) {
        targetProblem(zone, origin, node.name(), "SRV", ((SRVRecord) r).getTarget(), where.apply(node.name(), Type.SRV))
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private static Record[] records(Node node, int type) {
    Record[] rrset = node.rrset(type);
    return rrset == null ? new Record[0] : rrset;
  }

  /** A target inside the zone (not the root: null MX, RFC 7505; "no service", RFC 2782) that cannot be used. */
  private static java.util.Optional<String> targetProblem(ZoneSnapshot zone, Name origin, Name owner, String type, Name target,
      String at) {
    if (target.equals(Name.root) || !target.subdomain(origin) || zone.occluded(target)) {
      return java.util.Optional.empty();
    }
    Node t = zone.node(target);
    if (t != null && t.has(Type.CNAME)) {
      return java.util.Optional.of(at + ": " + owner + " " + type + " " + target + " is a CNAME; " + type
          + " targets must be canonical names (RFC 2181 §10.3)");
    }
    if (!hasAddress(zone, target)) {
      return java.util.Optional.of(at + ": " + owner + " " + type + " " + target + " has no address records (A or AAAA) in the zone");
    }
    return java.util.Optional.empty();
  }

  private static boolean hasAddress(ZoneSnapshot zone, Name name) {
    Node n = zone.node(name);
    return n != null && (n.has(Type.A) || n.has(Type.AAAA));
  }
}
