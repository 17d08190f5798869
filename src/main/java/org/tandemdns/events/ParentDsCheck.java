package org.tandemdns.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tandemdns.config.HostPort;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.dnssec.SigningKey;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Asks a zone's parent agents whether they serve a DS for a key (the check of a KSK or CSK
 * rollover, RFC 7344 §4.1; Knot's ksk-submission, BIND's checkds). A DS matches when its key tag,
 * algorithm and digest are the key's under the DS's own digest type. Every agent must serve it;
 * the answer's TTL (the parent's DS TTL, as an authoritative server gives it) is returned.
 */
public final class ParentDsCheck {
  /** What the parent agents said. */
  public record Result(boolean seen, Duration dsTtl, List<String> problems) {}

  private final DnsClient client;
  private final QueryLimits limits;

  public ParentDsCheck(DnsClient client, QueryLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  public Result check(Name zone, SigningKey key, List<HostPort> agents) {
    List<String> problems = new ArrayList<>();
    long ttl = 0;
    for (HostPort agent : agents) {
      try {
        Response r = askDs(zone, agent);
        if (r.rcode() != Rcode.NOERROR) {
          problems.add(agent + " answers " + Rcode.string(r.rcode()));
          continue;
        }
        long found = -1;
        for (Record rec : r.message().getSection(Section.ANSWER)) {
          if (rec instanceof DSRecord ds && ds.getName().equals(zone) && matches(zone, ds, key)) {
            found = ds.getTTL();
          }
        }
        if (found < 0) {
          problems.add(agent + " serves no DS for key " + key.tag());
        } else {
          ttl = Math.max(ttl, found);
        }
      } catch (DnsClientException e) {
        problems.add(agent + ": " + e.getMessage());
      }
    }
    return new Result(problems.isEmpty() && !agents.isEmpty(), Duration.ofSeconds(ttl), problems);
  }

  /**
   * For a zone going insecure (RFC 8078 §4): true in {@link Result#seen} when every agent answers
   * without a DS for the zone (NODATA or NXDOMAIN). The DS TTL is not in such an answer: 0.
   */
  public Result checkRemoved(Name zone, List<HostPort> agents) {
    List<String> problems = new ArrayList<>();
    for (HostPort agent : agents) {
      try {
        Response r = askDs(zone, agent);
        if (r.rcode() != Rcode.NOERROR && r.rcode() != Rcode.NXDOMAIN) {
          problems.add(agent + " answers " + Rcode.string(r.rcode()));
        } else if (r.message().getSection(Section.ANSWER).stream().anyMatch(rec -> rec instanceof DSRecord)) {
          problems.add(agent + " still serves a DS for " + zone);
        }
      } catch (DnsClientException e) {
        problems.add(agent + ": " + e.getMessage());
      }
    }
    return new Result(problems.isEmpty() && !agents.isEmpty(), Duration.ZERO, problems);
  }

  /** The agent's answer to {@code zone DS}: over UDP, again over TCP when truncated. */
  private Response askDs(Name zone, HostPort agent) throws DnsClientException {
    Message q = DnsClient.question(zone, Type.DS, false);
    Response r = client.query(q, ServerAddress.of(agent), Transport.UDP, limits);
    return r.truncated() ? client.query(q, ServerAddress.of(agent), Transport.TCP, limits) : r;
  }

  static boolean matches(Name zone, DSRecord ds, SigningKey key) {
    if (ds.getFootprint() != key.tag() || ds.getAlgorithm() != key.algorithm()) {
      return false;
    }
    try {
      DSRecord mine = new DSRecord(zone, ds.getDClass(), ds.getTTL(), ds.getDigestID(), key.dnskey());
      return java.util.Arrays.equals(mine.getDigest(), ds.getDigest());
    } catch (IllegalArgumentException e) {
      return false; // a digest type dnsjava does not know
    }
  }
}
