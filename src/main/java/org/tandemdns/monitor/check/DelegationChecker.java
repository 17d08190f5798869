package org.tandemdns.monitor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.Transport;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reads the delegation of a zone from a parent server (the referral's authority NS RRset and
 * in-bailiwick glue, RFC 1034 §4.3.2) and compares it with the zone's own apex NS RRset and
 * address records.
 */
public final class DelegationChecker {

  private final DnsClient client;
  private final QueryLimits limits;

  public DelegationChecker(DnsClient client, QueryLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  /**
   * Compares the delegation at {@code parent} with {@code zoneNs}; {@code zoneAddresses} gives the
   * zone's own addresses (text form) for a nameserver name inside the zone.
   */
  public DelegationReport check(
      Name zone, ServerAddress parent, Set<Name> zoneNs, Function<Name, Set<String>> zoneAddresses) {
    Message m;
    try {
      Response r = client.query(DnsClient.question(zone, Type.NS, false), parent, Transport.UDP, limits);
      if (r.truncated()) {
        r = client.query(DnsClient.question(zone, Type.NS, false), parent, Transport.TCP, limits);
      }
      if (r.rcode() != Rcode.NOERROR) {
        return failed(parent, zoneNs, "parent answered " + Rcode.string(r.rcode()));
      }
      m = r.message();
    } catch (DnsClientException e) {
      return failed(parent, zoneNs, "parent: " + e.getMessage());
    }
    Set<Name> parentNs = new TreeSet<>();
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record rec : m.getSection(section)) {
        if (rec instanceof NSRecord ns && rec.getName().equals(zone)) {
          parentNs.add(ns.getTarget());
        }
      }
    }
    if (parentNs.isEmpty()) {
      return failed(parent, zoneNs, "parent has no delegation (NS RRset) for " + zone);
    }
    List<String> onlyAtParent = names(parentNs.stream().filter(n -> !zoneNs.contains(n)).toList());
    List<String> onlyInZone = names(zoneNs.stream().filter(n -> !parentNs.contains(n)).toList());
    List<String> glue = new ArrayList<>();
    for (Name ns : parentNs) {
      if (!ns.subdomain(zone)) {
        continue; // out-of-bailiwick: no glue to compare
      }
      Set<String> atParent = glueFor(m, ns);
      Set<String> inZone = new TreeSet<>(zoneAddresses.apply(ns));
      if (!atParent.equals(inZone)) {
        glue.add(ns + " glue " + (atParent.isEmpty() ? "(none)" : String.join(" ", atParent))
            + ", zone " + (inZone.isEmpty() ? "(none)" : String.join(" ", inZone)));
      }
    }
    return new DelegationReport(parent.toString(), names(parentNs), names(zoneNs), onlyAtParent, onlyInZone, glue, null);
  }

  private static Set<String> glueFor(Message m, Name ns) {
    Set<String> out = new TreeSet<>();
    for (Record rec : m.getSection(Section.ADDITIONAL)) {
      if (!rec.getName().equals(ns)) {
        continue;
      }
      if (rec instanceof ARecord || rec instanceof AAAARecord) {
        out.add(rec.rdataToString());
      }
    }
    return out;
  }

  private static DelegationReport failed(ServerAddress parent, Set<Name> zoneNs, String why) {
    return new DelegationReport(parent.toString(), List.of(), names(zoneNs), List.of(), List.of(), List.of(), why);
  }

  private static List<String> names(java.util.Collection<Name> names) {
    return names.stream().sorted().map(Name::toString).toList();
  }
}
