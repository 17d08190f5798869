package org.tandemdns.monitor.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * Finds a zone's nameservers and every one of their addresses, IPv4 and IPv6, by asking one
 * server (an authoritative server of the zone, or a resolver) for the zone's NS RRset and then for
 * each name's A and AAAA RRsets (RFC 1034 §4.2.1).
 *
 * <p>Addresses come from the NS response's additional section, else from A/AAAA queries to the
 * same server, else from the system resolver. Each address gets the given port.
 */
public final class NameserverDiscovery {

  private final DnsClient client;
  private final QueryLimits limits;

  public NameserverDiscovery(DnsClient client, QueryLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  /** The nameserver addresses of {@code zone} according to {@code server}. */
  public List<Nameserver> discover(Name zone, ServerAddress server, int port) throws DiscoveryException {
    Message ns = ask(server, zone, Type.NS);
    Set<Name> names = new TreeSet<>();
    for (Record r : ns.getSection(Section.ANSWER)) {
      if (r instanceof NSRecord n && r.getName().equals(zone)) {
        names.add(n.getTarget());
      }
    }
    if (names.isEmpty()) {
      throw new DiscoveryException(server + " has no NS RRset for " + zone);
    }
    List<Nameserver> out = new ArrayList<>();
    for (Name name : names) {
      Set<InetAddress> addresses = new LinkedHashSet<>(addressesIn(ns, name));
      if (addresses.isEmpty()) {
        addresses.addAll(lookup(server, name));
      }
      if (addresses.isEmpty()) {
        throw new DiscoveryException("no address found for nameserver " + name);
      }
      for (InetAddress a : addresses) {
        out.add(new Nameserver(name.toString(), new ServerAddress(a, port)));
      }
    }
    return out;
  }

  private List<InetAddress> lookup(ServerAddress server, Name name) {
    List<InetAddress> out = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      try {
        out.addAll(addressesIn(ask(server, name, type), name));
      } catch (DiscoveryException e) {
        // try the other type, then the system resolver
      }
    }
    if (out.isEmpty()) {
      try {
        out.addAll(List.of(InetAddress.getAllByName(name.toString(true))));
      } catch (UnknownHostException e) {
        // reported by the caller as "no address found"
      }
    }
    return out;
  }

  private Message ask(ServerAddress server, Name name, int type) throws DiscoveryException {
    try {
      Response r = client.query(DnsClient.question(name, type, true), server, Transport.UDP, limits);
      if (r.truncated()) {
        r = client.query(DnsClient.question(name, type, true), server, Transport.TCP, limits);
      }
      if (r.rcode() != Rcode.NOERROR) {
        throw new DiscoveryException(server + " answered " + Rcode.string(r.rcode()) + " for " + name + " " + Type.string(type));
      }
      return r.message();
    } catch (DnsClientException e) {
      throw new DiscoveryException("asking " + server + " for " + name + " " + Type.string(type) + ": " + e.getMessage());
    }
  }

  static List<InetAddress> addressesIn(Message m, Name name) {
    List<InetAddress> out = new ArrayList<>();
    for (int section : new int[] {Section.ANSWER, Section.ADDITIONAL}) {
      for (Record r : m.getSection(section)) {
        if (!r.getName().equals(name)) {
          continue;
        }
        if (r instanceof ARecord a) {
          out.add(a.getAddress());
        } else if (r instanceof AAAARecord a) {
          out.add(a.getAddress());
        }
      }
    }
    return out;
  }
}
