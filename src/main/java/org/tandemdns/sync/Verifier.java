package org.tandemdns.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tandemdns.dnsclient.Deadline;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Queries a target's nameservers until each serves every applied change — the new RRset with its
 * TTL, or no RRset for a delete — or a timeout passes. Answers are read as RFC 1034 §4.3.2 gives
 * them: authoritative data in the answer section, a delegation's NS RRset in the authority section
 * of a referral. Data below a delegation or a DNAME cannot be asked for and is skipped.
 */
final class Verifier {
  /** RRsets queried per nameserver; bigger plans are verified on their first ones. */
  static final int MAX_CHECKED = 500;
  private static final Duration POLL = Duration.ofMillis(250);

  private final DnsClient client;
  private final QueryLimits limits;

  Verifier(DnsClient client, QueryLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  Verification verify(Name zone, List<RRsetChange> changes, CanonicalZone wanted, List<ServerAddress> nameservers,
      Duration timeout) {
    long start = System.nanoTime();
    List<RRsetChange> checkable = new ArrayList<>();
    int skipped = 0;
    Set<Name> delegations = owners(zone, wanted, Type.NS);
    Set<Name> dnames = owners(zone, wanted, Type.DNAME);
    for (RRsetChange c : changes) {
      if (checkable.size() < MAX_CHECKED && queryable(c.key(), delegations, dnames)) {
        checkable.add(c);
      } else {
        skipped++;
      }
    }
    if (nameservers.isEmpty() || checkable.isEmpty()) {
      String note = nameservers.isEmpty() ? "no nameservers configured for this provider"
          : "no changed RRset can be asked for by query (all below a delegation or a DNAME)";
      return new Verification(Verification.Outcome.NOT_VERIFIED, Duration.ZERO, 0, skipped, List.of(), note);
    }
    Deadline deadline = Deadline.in(timeout);
    Map<ServerAddress, Map<RRsetKey, String>> pending = new LinkedHashMap<>();
    for (ServerAddress ns : nameservers) {
      Map<RRsetKey, String> keys = new LinkedHashMap<>();
      checkable.forEach(c -> keys.put(c.key(), "not asked yet"));
      pending.put(ns, keys);
    }
    Map<RRsetKey, RRsetChange> byKey = new LinkedHashMap<>();
    checkable.forEach(c -> byKey.put(c.key(), c));
    while (true) {
      for (Map.Entry<ServerAddress, Map<RRsetKey, String>> e : pending.entrySet()) {
        for (RRsetKey key : new ArrayList<>(e.getValue().keySet())) {
          if (deadline.passed()) {
            break;
          }
          String mismatch = mismatch(e.getKey(), byKey.get(key), zone);
          if (mismatch == null) {
            e.getValue().remove(key);
          } else {
            e.getValue().put(key, mismatch);
          }
        }
      }
      pending.values().removeIf(Map::isEmpty);
      if (pending.isEmpty()) {
        return new Verification(Verification.Outcome.SERVED, Duration.ofNanos(System.nanoTime() - start), checkable.size(),
            skipped, List.of(), null);
      }
      if (deadline.passed()) {
        List<String> left = new ArrayList<>();
        pending.forEach((ns, keys) -> keys.forEach((k, why) -> left.add(ns + ": " + k + " (" + why + ")")));
        return new Verification(Verification.Outcome.TIMED_OUT, Duration.ofNanos(System.nanoTime() - start), checkable.size(),
            skipped, left, null);
      }
      sleep(deadline);
    }
  }

  /** Null when {@code server} serves what {@code change} wants, else what it serves instead. */
  private String mismatch(ServerAddress server, RRsetChange change, Name zone) {
    RRsetKey key = change.key();
    Response r;
    try {
      r = client.query(DnsClient.question(key.owner(), key.type(), false), server, Transport.UDP, limits);
      if (r.truncated()) {
        r = client.query(DnsClient.question(key.owner(), key.type(), false), server, Transport.TCP, limits);
      }
    } catch (DnsClientException e) {
      return e.getMessage();
    }
    if (r.rcode() != Rcode.NOERROR && r.rcode() != Rcode.NXDOMAIN) {
      return "answers " + Rcode.string(r.rcode());
    }
    boolean referral = key.type() == Type.NS && !key.owner().equals(zone.canonicalize());
    TreeSet<CanonicalRdata> served = new TreeSet<>();
    long ttl = -1;
    for (int section : referral ? new int[] {Section.ANSWER, Section.AUTHORITY} : new int[] {Section.ANSWER}) {
      for (Record rec : r.message().getSection(section)) {
        if (rec.getType() == key.type() && rec.getName().equals(key.owner())) {
          served.add(CanonicalRdata.of(rec));
          ttl = ttl < 0 ? rec.getTTL() : Math.min(ttl, rec.getTTL());
        }
      }
    }
    CanonicalRRset wanted = change.desired();
    if (wanted == null) {
      return served.isEmpty() ? null : "still serves " + served;
    }
    if (served.isEmpty()) {
      return "serves no " + key.typeName() + " yet";
    }
    if (!served.equals(wanted.rdatas())) {
      return "serves " + served;
    }
    return ttl == wanted.ttl() ? null : "serves TTL " + ttl + ", not " + wanted.ttl();
  }

  /** Owners of {@code type} RRsets below the apex: delegations (NS) or DNAMEs, below which the zone answers nothing. */
  private static Set<Name> owners(Name zone, CanonicalZone wanted, int type) {
    Set<Name> out = new TreeSet<>();
    Name apex = zone.canonicalize();
    for (RRsetKey k : wanted.rrsets().keySet()) {
      if (k.type() == type && !k.owner().equals(apex)) {
        out.add(k.owner());
      }
    }
    return out;
  }

  private static boolean queryable(RRsetKey key, Set<Name> delegations, Set<Name> dnames) {
    for (Name cut : delegations) {
      if (key.owner().subdomain(cut) && !key.owner().equals(cut)) {
        return false;
      }
      if (key.owner().equals(cut) && key.type() != Type.NS && key.type() != Type.DS) {
        return false; // other data at a delegation point is occluded (RFC 1034 §4.2.1)
      }
    }
    for (Name dname : dnames) {
      if (key.owner().subdomain(dname) && !key.owner().equals(dname)) {
        return false; // RFC 6672 §2.3: nothing below a DNAME is answered
      }
    }
    return true;
  }

  private static void sleep(Deadline deadline) {
    long ms = Math.min(POLL.toMillis(), Math.max(1, deadline.remaining().toMillis()));
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
