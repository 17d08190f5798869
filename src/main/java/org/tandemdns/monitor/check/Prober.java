package org.tandemdns.monitor.check;

import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.Transport;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Asks one address for the zone's SOA over UDP and over TCP, without recursion, and judges the
 * answers: an authoritative server answers NOERROR with the AA bit and the zone's SOA in the
 * answer section (RFC 1034 §4.3.1, RFC 1035 §4.1.1).
 */
public final class Prober {

  private final DnsClient client;
  private final QueryLimits limits;

  public Prober(DnsClient client, QueryLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  /** Probes {@code ns} for {@code zone}. */
  public ProbeResult probe(Name zone, Nameserver ns) {
    TransportProbe udp = over(zone, ns, Transport.UDP);
    TransportProbe tcp = over(zone, ns, Transport.TCP);
    Long serial = udp.serial() != null ? udp.serial() : tcp.serial();
    if (!udp.answered() && !tcp.answered()) {
      return new ProbeResult(ns, udp, tcp, Health.UNREACHABLE, "udp: " + udp.problem() + "; tcp: " + tcp.problem(), null);
    }
    TransportProbe answered = udp.answered() ? udp : tcp;
    if (answered.problem() != null) {
      return new ProbeResult(ns, udp, tcp, Health.LAME, answered.problem(), serial);
    }
    TransportProbe other = answered == udp ? tcp : udp;
    if (!other.answered()) {
      String which = other == tcp ? "tcp" : "udp";
      return new ProbeResult(ns, udp, tcp, Health.UNREACHABLE, which + ": " + other.problem(), serial);
    }
    if (other.problem() != null) {
      return new ProbeResult(ns, udp, tcp, Health.LAME, (other == tcp ? "tcp: " : "udp: ") + other.problem(), serial);
    }
    return new ProbeResult(ns, udp, tcp, Health.OK, null, serial);
  }

  private TransportProbe over(Name zone, Nameserver ns, Transport transport) {
    Message q = DnsClient.question(zone, Type.SOA, false);
    Response r;
    try {
      r = client.query(q, ns.address(), transport, limits);
    } catch (DnsClientException e) {
      return TransportProbe.noAnswer(e.getMessage());
    }
    long rtt = r.rtt().toMillis();
    String rcode = Rcode.string(r.rcode());
    if (transport == Transport.UDP && r.truncated()) {
      // A truncated SOA answer: the serial is read over TCP instead.
      return new TransportProbe(true, rcode, r.authoritative(), true, null, rtt, null);
    }
    String problem = judge(zone, r);
    Long serial = problem == null ? soaSerial(zone, r.message()) : null;
    return new TransportProbe(true, rcode, r.authoritative(), false, serial, rtt, problem);
  }

  /** Why {@code r} is not an authoritative SOA answer for {@code zone}, or null if it is. */
  static String judge(Name zone, Response r) {
    if (r.rcode() != Rcode.NOERROR) {
      return "lame: answered " + Rcode.string(r.rcode());
    }
    Message m = r.message();
    SOARecord soa = null;
    for (Record rec : m.getSection(Section.ANSWER)) {
      if (rec instanceof SOARecord s) {
        if (!s.getName().equals(zone)) {
          return "lame: answered with the SOA of another zone (" + s.getName() + ")";
        }
        soa = s;
      }
    }
    if (soa == null) {
      for (Record rec : m.getSection(Section.AUTHORITY)) {
        if (rec.getType() == Type.SOA && !rec.getName().equals(zone)) {
          return "lame: not authoritative, points to zone " + rec.getName();
        }
        if (rec.getType() == Type.NS) {
          return "lame: referral to " + rec.getName() + " instead of an answer";
        }
      }
      return r.authoritative() ? "lame: AA set but no SOA in the answer" : "lame: no SOA in the answer";
    }
    if (!r.authoritative()) {
      return "lame: answer without the AA bit";
    }
    return null;
  }

  private static Long soaSerial(Name zone, Message m) {
    for (Record rec : m.getSection(Section.ANSWER)) {
      if (rec instanceof SOARecord s && s.getName().equals(zone)) {
        return s.getSerial();
      }
    }
    return null;
  }
}
