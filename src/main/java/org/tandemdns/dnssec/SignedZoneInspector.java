package org.tandemdns.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.tandemdns.zone.DenialChain;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads a zone version's DNSSEC data into a {@link SignedZoneReport}: keys, denial chain, RRSIG
 * count and earliest expiry (read from the wire form, nothing decoded), and the problems a
 * pre-signed zone can bring, each counted with a first example: RRSIGs for RRsets that are not
 * there, authoritative RRsets without RRSIG (RFC 4035 §2.2), a broken NSEC or NSEC3 chain (RFC 4035
 * §2.3, RFC 5155 §7.1), NSEC3 iterations beyond RFC 9276 §3.2, expired signatures. Problems are
 * reported, never repaired: the zone is served as given. O(records); runs off the query path.
 */
public final class SignedZoneInspector {
  private static final int RRSIG_EXPIRATION = 8; // type covered 2, algorithm 1, labels 1, original TTL 4

  private final ZoneSnapshot zone;
  private final Instant now;
  private final List<String> problems = new ArrayList<>();
  private long signatures;
  private long earliest = Long.MAX_VALUE;
  private String earliestWhere;
  private final Count orphanSignatures = new Count("RRSIGs cover an RRset that is not in the zone");
  private final Count unsigned = new Count("authoritative RRsets have no RRSIG: the zone is only partly signed");

  private SignedZoneInspector(ZoneSnapshot zone, Instant now) {
    this.zone = zone;
    this.now = now;
  }

  /** The report of {@code zone}, expiries judged at {@code now}. */
  public static SignedZoneReport inspect(ZoneSnapshot zone, Instant now) {
    return new SignedZoneInspector(zone, now).run();
  }

  private SignedZoneReport run() {
    for (Node n : zone.nodes()) {
      scanSignatures(n);
    }
    if (!zone.signed() && signatures == 0) {
      return SignedZoneReport.UNSIGNED;
    }
    if (!zone.signed()) {
      problems.add(signatures + " RRSIGs but no DNSKEY at the apex: answers carry no DNSSEC records");
    }
    for (Node n : zone.nodes()) {
      if (zone.signed()) {
        checkSigned(n);
      }
    }
    orphanSignatures.report(problems);
    unsigned.report(problems);
    DenialChain chain = zone.denial();
    SignedZoneReport.Nsec3 nsec3 = checkChain(chain);
    Instant expiry = earliest == Long.MAX_VALUE ? null : Instant.ofEpochSecond(earliest);
    if (expiry != null && expiry.isBefore(now)) {
      problems.add("signatures have expired: the earliest at " + expiry + " (" + earliestWhere
          + "); validating resolvers fail on them, the signer has stopped re-signing");
    }
    return new SignedZoneReport(zone.signed(), chain.kind(), nsec3, keys(), signatures, expiry, earliestWhere,
        List.copyOf(problems));
  }

  private void scanSignatures(Node n) {
    Node.WireRecords w = n.wireRecords();
    while (w.next()) {
      if (w.type() != Type.RRSIG) {
        continue;
      }
      signatures++;
      byte[] d = w.data();
      int at = w.rdataOffset();
      long expiration = absolute(u32(d, at + RRSIG_EXPIRATION));
      if (expiration < earliest) {
        earliest = expiration;
        earliestWhere = n.name() + " " + Type.string(u16(d, at));
      }
    }
  }

  /** RRSIG times are 32-bit serial numbers (RFC 4034 §3.1.5): the instant nearest to now. */
  private long absolute(long value) {
    long nowSeconds = now.getEpochSecond();
    return nowSeconds + (int) (value - nowSeconds);
  }

  private void checkSigned(Node n) {
    if (occluded(n.name())) {
      return;
    }
    for (int type : n.types()) {
      if (type == Type.RRSIG) {
        continue;
      }
      boolean signedHere = !(type == Type.NS && n.isDelegation()); // the child's NS is not signed in the parent
      if (signedHere && n.signatures(type) == null) {
        unsigned.add(n.name() + " " + Type.string(type));
      }
    }
    Record[] sigs = n.rrset(Type.RRSIG);
    if (sigs != null) {
      for (Record r : sigs) {
        int covered = ((org.xbill.DNS.RRSIGRecord) r).getTypeCovered();
        if (!n.has(covered)) {
          orphanSignatures.add(n.name() + " RRSIG " + Type.string(covered));
        }
      }
    }
  }

  /** True for a name below a zone cut (glue, occluded data): not authoritative, not signed (RFC 4035 §2.2). */
  private boolean occluded(Name name) {
    Name n = name;
    while (n.labels() > zone.origin().labels() + 1) {
      n = new Name(n, 1);
      Node up = zone.node(n);
      if (up != null && up.isDelegation()) {
        return true;
      }
    }
    return false;
  }

  private SignedZoneReport.Nsec3 checkChain(DenialChain chain) {
    if (chain.kind() == DenialChain.Kind.NONE) {
      if (zone.signed()) {
        problems.add("no NSEC or NSEC3 chain: negative answers cannot be proven, validators reject them");
      }
      return null;
    }
    Count broken = new Count("links of the " + (chain.kind() == DenialChain.Kind.NSEC ? "NSEC" : "NSEC3")
        + " chain do not point to the next owner: negative answers there fail validation");
    if (chain.kind() == DenialChain.Kind.NSEC) {
      for (int i = 0; i < chain.size(); i++) {
        Name next = ((NSECRecord) chain.at(i).rrset(Type.NSEC)[0]).getNext();
        Name expected = chain.at((i + 1) % chain.size()).name();
        if (!next.equals(expected)) {
          broken.add(chain.at(i).name() + " NSEC points to " + next + ", the next owner is " + expected);
        }
      }
      broken.report(problems);
      return null;
    }
    boolean optOut = false;
    for (int i = 0; i < chain.size(); i++) {
      NSEC3Record r = (NSEC3Record) chain.at(i).rrset(Type.NSEC3)[0];
      optOut |= (r.getFlags() & NSEC3Record.Flags.OPT_OUT) != 0;
      if (!Arrays.equals(r.getNext(), chain.hashAt((i + 1) % chain.size()))) {
        broken.add(chain.at(i).name() + " NSEC3 does not point to the next hash");
      }
    }
    broken.report(problems);
    int iterations = chain.nsec3Params().getIterations();
    if (iterations > DenialChain.MAX_ITERATIONS) {
      problems.add("NSEC3 with " + iterations + " iterations, more than " + DenialChain.MAX_ITERATIONS
          + " (RFC 9276 §3.2): no NSEC3 proof is computed for it; validators treat the zone as insecure or fail");
    }
    byte[] salt = chain.nsec3Params().getSalt();
    return new SignedZoneReport.Nsec3(chain.nsec3Params().getHashAlgorithm(), iterations,
        salt == null || salt.length == 0 ? "-" : HexFormat.of().formatHex(salt), optOut);
  }

  private List<SignedZoneReport.Key> keys() {
    Record[] set = zone.apex() == null ? null : zone.apex().rrset(Type.DNSKEY);
    if (set == null) {
      return List.of();
    }
    List<SignedZoneReport.Key> keys = new ArrayList<>();
    for (Record r : set) {
      DNSKEYRecord k = (DNSKEYRecord) r;
      keys.add(new SignedZoneReport.Key(k.getFootprint(), k.getFlags(), k.getAlgorithm()));
    }
    return List.copyOf(keys);
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static long u32(byte[] b, int p) {
    return ((long) u16(b, p) << 16) | u16(b, p + 2);
  }

  /** A kind of problem: how often, and the first place. */
  private static final class Count {
    private final String what;
    private long count;
    private String first;

    Count(String what) {
      this.what = what;
    }

    void add(String where) {
      if (count++ == 0) {
        first = where;
      }
    }

    void report(List<String> out) {
      if (count > 0) {
        out.add(count + " " + what + " (first: " + first + ")");
      }
    }
  }
}
