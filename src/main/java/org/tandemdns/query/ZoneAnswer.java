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
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One answer from one zone snapshot (RFC 1034 §4.3.2 steps 3-6): exact matches, CNAME chains inside
 * the zone with loop protection, DNAME with a synthesized CNAME (RFC 6672 §3), wildcard synthesis
 * (RFC 4592), referrals with glue (RFC 9471), negative answers with the SOA (RFC 2308 §3) and the
 * rcode of the last name in the chain (RFC 6604 §2), ANY as one RRset (RFC 8482 §4.2), and
 * additional address records for NS, MX and SRV targets (RFC 1035 §3.3, RFC 2782).
 */
final class ZoneAnswer {
  /** Longest CNAME/DNAME chain followed before giving up (BIND and Knot use similar bounds). */
  static final int MAX_CHAIN = 16;

  private final ZoneSnapshot zone;
  private final Message response;
  private final int qtype;
  private final boolean dnssecOk;
  private final Set<Name> visited = new HashSet<>();

  ZoneAnswer(ZoneSnapshot zone, Message response, int qtype, boolean dnssecOk) {
    this.zone = zone;
    this.response = response;
    this.qtype = qtype;
    this.dnssecOk = dnssecOk;
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
    if (qtype == Type.ANY) {
      Record[] one = anyRRset(node);
      if (one == null) {
        negative();
      } else {
        addAnswer(one, owner);
      }
      return null;
    }
    Record[] set = node.rrset(qtype);
    if (set != null) {
      addAnswer(set, owner);
      return null;
    }
    Record[] cname = node.rrset(Type.CNAME);
    if (cname != null) {
      addAnswer(cname, owner);
      return ((CNAMERecord) cname[0]).getTarget();
    }
    negative();
    return null;
  }

  /** RFC 6672 §3.1: the DNAME, then a CNAME from the query name to the substituted name. */
  private Name dname(Node owner, Name current) {
    Record[] set = owner.rrset(Type.DNAME);
    DNAMERecord dname = (DNAMERecord) set[0];
    if (!response.findRRset(dname.getName(), Type.DNAME, Section.ANSWER)) {
      add(set, null, Section.ANSWER); // RFC 2181 §5: a loop must not repeat the same RRset
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
    add(ns, null, Section.AUTHORITY);
    Record[] ds = cut.rrset(Type.DS);
    if (ds != null && dnssecOk && zone.apex().rrset(Type.DNSKEY) != null) {
      add(ds, null, Section.AUTHORITY); // RFC 4035 §3.1.4: DNSSEC data only when DO is set, from signed zones
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

  /** NODATA or NXDOMAIN: the SOA with the negative TTL in authority (RFC 2308 §3). */
  private void negative() {
    response.addRecord(zone.negativeSoa(), Section.AUTHORITY);
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

  private void addAnswer(Record[] set, Name owner) {
    add(set, owner, Section.ANSWER);
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
    addAdditional(node.rrset(Type.A));
    addAdditional(node.rrset(Type.AAAA));
  }

  private void addAdditional(Record[] set) {
    if (set == null) {
      return;
    }
    Name name = set[0].getName();
    int type = set[0].getType();
    if (response.findRRset(name, type, Section.ANSWER) || response.findRRset(name, type, Section.ADDITIONAL)) {
      return;
    }
    add(set, null, Section.ADDITIONAL);
  }

  private void add(Record[] set, Name owner, int section) {
    for (Record r : set) {
      response.addRecord(owner == null ? r : r.withName(owner), section);
    }
  }
}
