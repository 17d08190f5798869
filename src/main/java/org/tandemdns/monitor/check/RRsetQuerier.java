package org.tandemdns.monitor.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tandemdns.dnsclient.Deadline;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Rebuilds the part of a zone a server will show without a transfer: every owner name and type
 * of the reference copy is asked for, one query each (UDP, TCP when truncated).
 *
 * <p>Names the reference does not have cannot be found this way (without walking NSEC chains,
 * which this deliberately does not do), so extra names at such a server go unseen. Delegation
 * NS RRsets and glue come back in referrals, not answers (RFC 1034 §4.3.2 step 3b), and are read
 * from the authority and additional sections.
 */
public final class RRsetQuerier {

  private final DnsClient client;
  private final QueryLimits limits;

  public RRsetQuerier(DnsClient client, QueryLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  /** Queries {@code ns} for every key of {@code reference}, within the bounds. */
  public QueriedCopy query(CanonicalZone reference, Nameserver ns, int maxQueries, Deadline deadline) {
    return query(reference.origin(), reference.rrsets().keySet(), ns, maxQueries, deadline);
  }

  /** Queries {@code ns} for each of {@code keys} in zone {@code origin}, within the bounds. */
  public QueriedCopy query(Name origin, java.util.Collection<RRsetKey> keys, Nameserver ns, int maxQueries, Deadline deadline) {
    CanonicalZone.Builder copy = CanonicalZone.builder(origin);
    Set<RRsetKey> answered = new HashSet<>();
    int unanswered = 0;
    int queries = 0;
    String firstProblem = null;
    for (RRsetKey key : keys) {
      if (queries >= maxQueries || deadline.passed()) {
        unanswered++;
        if (firstProblem == null) {
          firstProblem = queries >= maxQueries ? "query budget of " + maxQueries + " used up" : "check deadline passed";
        }
        continue;
      }
      queries++;
      try {
        List<Record> records = ask(origin, key, ns);
        records.forEach(copy::add);
        answered.add(key);
      } catch (DnsClientException e) {
        unanswered++;
        if (firstProblem == null) {
          firstProblem = key + ": " + e.getMessage();
        }
      }
    }
    return new QueriedCopy(copy.build(), answered, unanswered, firstProblem, queries);
  }

  private List<Record> ask(Name zone, RRsetKey key, Nameserver ns) throws DnsClientException {
    Message q = DnsClient.question(key.owner(), key.type(), false);
    Response r = client.query(q, ns.address(), Transport.UDP, limits);
    if (r.truncated()) {
      r = client.query(q, ns.address(), Transport.TCP, limits);
    }
    int rcode = r.rcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      throw new DnsClientException("answered " + Rcode.string(rcode));
    }
    Message m = r.message();
    if (r.authoritative()) {
      return matching(m, Section.ANSWER, key, zone);
    }
    List<Record> referral = m.getSection(Section.AUTHORITY).stream().filter(x -> x.getType() == Type.NS).toList();
    if (referral.isEmpty() || !key.owner().subdomain(referral.get(0).getName()) || referral.get(0).getName().equals(zone)) {
      throw new DnsClientException("answer without the AA bit");
    }
    if (key.type() == Type.NS && key.owner().equals(referral.get(0).getName())) {
      return matching(m, Section.AUTHORITY, key, zone);
    }
    List<Record> glue = matching(m, Section.ADDITIONAL, key, zone);
    if (glue.isEmpty()) {
      throw new DnsClientException("below a delegation and not in the referral's glue");
    }
    return glue;
  }

  private static List<Record> matching(Message m, int section, RRsetKey key, Name zone) {
    return m.getSection(section).stream()
        .filter(x -> x.getType() == key.type() && x.getName().equals(key.owner()) && x.getName().subdomain(zone))
        .toList();
  }
}
