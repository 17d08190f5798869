package org.tandemdns.notify;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.Remote;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Expands a {@link NotifyPlan} into addresses for one version of a zone. NS names inside the zone
 * use the zone's own addresses (glue included); other names are resolved with the system resolver.
 * Runs on the NOTIFY executor, never on a network thread, since resolving may block.
 */
final class NotifyTargets {
  private NotifyTargets() {}

  /** Target address → TSIG key name (or null), without duplicates or excluded addresses. */
  static Map<InetSocketAddress, Name> expand(NotifyPlan plan, ZoneSnapshot zone, Set<InetSocketAddress> exclude) {
    Map<InetSocketAddress, Name> out = new LinkedHashMap<>();
    for (Remote t : plan.explicit()) {
      out.put(t.address().toSocketAddress(), t.key());
    }
    if (plan.nameservers()) {
      Name mname = zone.soa().getHost();
      Record[] ns = zone.apex().rrset(Type.NS);
      for (Record r : ns == null ? new Record[0] : ns) {
        Name target = ((NSRecord) r).getTarget();
        if (!target.equals(mname)) {
          for (InetAddress a : addresses(zone, target)) {
            out.putIfAbsent(new InetSocketAddress(a, HostPort.DNS_PORT), null);
          }
        }
      }
    }
    exclude.forEach(out::remove);
    return out;
  }

  private static java.util.List<InetAddress> addresses(ZoneSnapshot zone, Name host) {
    java.util.List<InetAddress> list = new java.util.ArrayList<>();
    if (host.subdomain(zone.origin())) {
      Node node = zone.node(host);
      if (node != null) {
        for (int type : new int[] {Type.A, Type.AAAA}) {
          Record[] set = node.rrset(type);
          for (Record r : set == null ? new Record[0] : set) {
            list.add(r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress());
          }
        }
      }
      return list;
    }
    try {
      return java.util.List.of(InetAddress.getAllByName(host.toString(true)));
    } catch (UnknownHostException e) {
      return list;
    }
  }
}
