package org.tandemdns.query;

import java.util.HashSet;
import java.util.Set;
import org.tandemdns.zone.LookupResult;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.Records;
import org.tandemdns.zone.ZoneLookup;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One answer from one zone snapshot (RFC 1034 §4.3.2 steps 3-6): exact matches, CNAME chains inside
 * the zone with loop protection, DNAME with a synthesized CNAME (RFC 6672 §3), wildcard synthesis
 * (RFC 4592), referrals with glue (RFC 9471), negative answers with the SOA (RFC 2308 §3) and the
 * rcode of the last name in the chain (RFC 6604 §2), ANY as one RRset (RFC 8482 §4.2), and
 * additional address records for NS, MX and SRV targets (RFC 1035 §3.3, RFC 2782).
 *
 * <p>With DO set and a signed zone (RFC 4035 §3.1): every authoritative RRset comes with its RRSIGs
 * (wildcard expansions with the query name as owner, §3.1.3.3), negative and wildcard answers with
 * the NSEC or NSEC3 proofs of {@link DenialProofs}, referrals with the DS and its RRSIGs or the
 * proof that there is no DS (§3.1.4); NS at a cut, glue and a synthesized CNAME stay unsigned.
 */
final class ZoneAnswer {
  /** Longest CNAME/DNAME chain followed before giving up (BIND and Knot use similar bounds). */
  static final int MAX_CHAIN = 16;

  private final ZoneSnapshot zone;
  private final Message response;
  private final int qtype;
  /** DO set and the zone signed: RRSIGs and proofs are added. */
  private final boolean dnssec;
  private final DenialProofs proofs;
  private final Set<Name> visited = new HashSet<>();

  ZoneAnswer(ZoneSnapshot zone, Message response, int qtype, boolean dnssecOk) {
    this.zone = zone;
    this.response = response;
    this.qtype = qtype;
    this.dnssec = dnssecOk && zone.signed();
    this.proofs = dnssec ? new DenialProofs(zone, response) : null;
  }

  void resolve(Name qname) {
    Name current = qname;
    visited.add(current);
    for (int hop = 0; hop <= MAX_CHAIN; hop++) {
      LookupResult result = ZoneLookup.find(zone, current, qtype);
      Name next;
      if (result instanceof LookupResult.Found found) {
        next = found(found, current);
      } else if (result instanceof LookupResult.Dname dname) {
        next = dname(dname.owner(), current);
      } else if (result instanceof LookupResult.Referral referral) {
        referral(referral.cut());
        return;
      } else {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        negative();
        if (dnssec) {
          proofs.nxdomain(current, ((LookupResult.NoSuchName) result).closestEncloser());
        }
        return;
      }
      if (next == null || !next.subdomain(zone.origin()) || !visited.add(next)) {
        return;
      }
      current = next;
    }
  }

  /** Answers from a node; returns the CNAME target to follow, or null when done. */
  private Name found(LookupResult.Found found, Name current) {
    Node node = found.node();
    Name owner = found.wildcard() ? current : null;
    Record[] set = qtype == Type.ANY ? anyRRset(node) : qtype == Type.RRSIG ? firstSignatures(node) : node.rrset(qtype);
    Record[] cname = set == null && qtype != Type.ANY ? node.rrset(Type.CNAME) : null;
    if (set == null && cname == null) {
      negative();
      if (dnssec && found.wildcard()) {
        proofs.wildcardNodata(current, node);
      } else if (dnssec) {
        proofs.nodata(current, node);
      }
      return null;
    }
    addAnswer(node, set != null ? set : cname, owner);
    if (dnssec && found.wildcard()) {
      proofs.wildcardAnswer(current, node);
    }
    return set != null ? null : ((CNAMERecord) cname[0]).getTarget();
  }

  /** RFC 6672 §3.1: the DNAME, then a CNAME from the query name to the substituted name. */
  private Name dname(Node owner, Name current) {
    Record[] set = owner.rrset(Type.DNAME);
    DNAMERecord dname = (DNAMERecord) set[0];
    if (!response.findRRset(dname.getName(), Type.DNAME, Section.ANSWER)) {
      add(owner, set, null, Section.ANSWER); // RFC 2181 §5: a loop must not repeat the same RRset
    }
    Name target;
    try {
      target = current.fromDNAME(dname);
    } catch (NameTooLongException e) {
      response.getHeader().setRcode(Rcode.YXDOMAIN); // RFC 6672 §2.2
      return null;
    }
    response.addRecord(new CNAMERecord(current, dname.getDClass(), dname.getTTL(), target), Section.ANSWER);
    return qtype == Type.CNAME ? null : target; // the synthesized CNAME is the answer to a CNAME question
  }

  /** RFC 1034 §4.3.2 step 3b: NS of the cut in authority, AA clear unless answer data precedes. */
  private void referral(Node cut) {
    if (response.getSection(Section.ANSWER).isEmpty()) {
      response.getHeader().unsetFlag(Flags.AA);
    }
    Record[] ns = cut.rrset(Type.NS);
    addUnsigned(ns, Section.AUTHORITY); // the child's NS: not authoritative here, never signed
    Record[] ds = cut.rrset(Type.DS);
    if (dnssec && ds != null) {
      add(cut, ds, null, Section.AUTHORITY); // RFC 4035 §3.1.4: a secure delegation
    } else if (dnssec) {
      proofs.insecureReferral(cut);
    }
    // RFC 9471 §3: in-domain glue first, then sibling glue.
    for (Record r : ns) {
      Name target = ((NSRecord) r).getTarget();
      if (target.subdomain(cut.name())) {
        addAddresses(zone.node(target));
      }
    }
    for (Record r : ns) {
      Name target = ((NSRecord) r).getTarget();
      if (!target.subdomain(cut.name()) && target.subdomain(zone.origin())) {
        addAddresses(zone.node(target));
      }
    }
  }

  /**
   * NODATA or NXDOMAIN: the SOA with the negative TTL in authority (RFC 2308 §3), and with DO its
   * RRSIGs at that TTL too (RFC 4035 §3.1.3).
   */
  private void negative() {
    SOARecord soa = zone.negativeSoa();
    response.addRecord(soa, Section.AUTHORITY);
    Record[] sigs = dnssec ? zone.apex().signatures(Type.SOA) : null;
    if (sigs != null) {
      for (Record r : sigs) {
        response.addRecord(Records.withTtl(r, soa.getTTL()), Section.AUTHORITY);
      }
    }
  }

  /**
   * A question for type RRSIG gets the signatures of one RRset, the lowest type signed, as Knot
   * answers it: like ANY (RFC 8482 §4.2), one RRset stands for all, so the question cannot be used
   * to draw every signature of a name in one small packet; a validator never asks it (RFC 4035
   * §3.1.5 leaves the answer to the server).
   */
  private static Record[] firstSignatures(Node node) {
    for (int i = 0; i < node.rrsetCount(); i++) {
      Record[] set = node.rrsetAt(i);
      if (set[0].getType() == Type.RRSIG) {
        return set;
      }
    }
    return null;
  }

  /** RFC 8482 §4.2: one RRset stands for all; a CNAME if present, else the lowest type. */
  private static Record[] anyRRset(Node node) {
    Record[] cname = node.rrset(Type.CNAME);
    if (cname != null) {
      return cname;
    }
    for (int i = 0; i < node.rrsetCount(); i++) {
      Record[] set = node.rrsetAt(i);
      int type = set[0].getType();
      if (type != Type.RRSIG && type != Type.NSEC && type != Type.NSEC3) {
        return set;
      }
    }
    return null;
  }

  private void addAnswer(Node node, Record[] set, Name owner) {
    add(node, set, owner, Section.ANSWER);
    for (Record r : set) {
      Name target = additionalTarget(r);
      if (target != null && target.subdomain(zone.origin())) {
        addAddresses(additionalNode(r.getType(), target));
      }
    }
  }

  /** The name whose addresses go in the additional section (RFC 1035 §3.3.9, §3.3.11; RFC 2782). */
  private static Name additionalTarget(Record r) {
    int type = r.getType();
    return type == Type.NS || type == Type.MX || type == Type.SRV ? Records.target(r) : null;
  }

  /** NS targets may be glue; MX and SRV targets must be authoritative data of this zone. */
  private Node additionalNode(int type, Name target) {
    if (type == Type.NS) {
      return zone.node(target);
    }
    LookupResult r = ZoneLookup.find(zone, target, Type.A);
    return r instanceof LookupResult.Found f && !f.wildcard() ? f.node() : null;
  }

  private void addAddresses(Node node) {
    if (node == null) {
      return;
    }
    addAdditional(node, node.rrset(Type.A));
    addAdditional(node, node.rrset(Type.AAAA));
  }

  private void addAdditional(Node node, Record[] set) {
    if (set == null) {
      return;
    }
    Name name = set[0].getName();
    int type = set[0].getType();
    if (response.findRRset(name, type, Section.ANSWER) || response.findRRset(name, type, Section.ADDITIONAL)) {
      return;
    }
    add(node, set, null, Section.ADDITIONAL);
  }

  /** {@code set}, from {@code node}, renamed to {@code owner} when not null; with DO, its RRSIGs after it. */
  private void add(Node node, Record[] set, Name owner, int section) {
    addRenamed(set, owner, section);
    if (dnssec && set[0].getType() != Type.RRSIG) {
      Record[] sigs = node.signatures(set[0].getType());
      if (sigs != null) {
        addRenamed(sigs, owner, section);
      }
    }
  }

  private void addUnsigned(Record[] set, int section) {
    addRenamed(set, null, section);
  }

  private void addRenamed(Record[] set, Name owner, int section) {
    for (Record r : set) {
      response.addRecord(owner == null ? r : r.withName(owner), section);
    }
  }
}
