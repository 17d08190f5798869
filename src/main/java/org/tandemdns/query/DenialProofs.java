package org.tandemdns.query;

import org.tandemdns.zone.DenialChain;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Puts in the authority section the NSEC or NSEC3 records, with their RRSIGs, that prove a
 * negative or a wildcard answer of a signed zone. Each case names its rule:
 *
 * <pre>
 *   case                 NSEC (RFC 4035 §3.1.3)               NSEC3 (RFC 5155 §7.2)
 *   NXDOMAIN             covers QNAME; covers *.CE             matches CE; covers next closer; covers *.CE
 *   NODATA               at QNAME (covers it: empty non-term.) matches QNAME (DS, opt-out: closest provable encloser)
 *   wildcard answer      covers QNAME                          covers next closer
 *   wildcard NODATA      covers QNAME; at the wildcard         matches CE; covers next closer; matches *.CE
 *   insecure referral    at the cut (NS, no DS)                matches the cut (opt-out: closest provable encloser)
 * </pre>
 *
 * A zone without a usable chain (none, or NSEC3 past {@link DenialChain#MAX_ITERATIONS}) gets no
 * proof: nothing is invented. Records already in the section are not added twice.
 */
final class DenialProofs {
  private static final Name WILDCARD = Name.fromConstantString("*");

  private final ZoneSnapshot zone;
  private final DenialChain chain;
  private final Message response;

  DenialProofs(ZoneSnapshot zone, Message response) {
    this.zone = zone;
    this.chain = zone.denial();
    this.response = response;
  }

  /** {@code qname} does not exist; {@code closestEncloser} is the deepest existing ancestor. */
  void nxdomain(Name qname, Node closestEncloser) {
    Name ce = closestEncloser.name();
    if (chain.kind() == DenialChain.Kind.NSEC) {
      addNsec(chain.nsecCovering(qname));
      addNsec(chain.nsecCovering(wildcardOf(ce)));
    } else if (chain.nsec3Hashable()) {
      addNsec3(chain.nsec3Matching(chain.hash(ce)));
      addNsec3(chain.nsec3Covering(chain.hash(nextCloser(qname, ce))));
      addNsec3(chain.nsec3Covering(chain.hash(wildcardOf(ce))));
    }
  }

  /** {@code node} exists but has no RRset of the type asked (also: a DS question at an insecure cut). */
  void nodata(Name qname, Node node) {
    if (chain.kind() == DenialChain.Kind.NSEC) {
      addNsec(node.has(Type.NSEC) ? node : chain.nsecCovering(qname));
    } else if (chain.nsec3Hashable()) {
      matchOrClosestProvable(qname);
    }
  }

  /** {@code qname} was answered from {@code wildcard}: no closer match exists (RFC 4035 §3.1.3.3). */
  void wildcardAnswer(Name qname, Node wildcard) {
    if (chain.kind() == DenialChain.Kind.NSEC) {
      addNsec(chain.nsecCovering(qname));
    } else if (chain.nsec3Hashable()) {
      Name ce = new Name(wildcard.name(), 1);
      addNsec3(chain.nsec3Covering(chain.hash(nextCloser(qname, ce))));
    }
  }

  /** {@code qname} matched {@code wildcard}, which has no RRset of the type asked. */
  void wildcardNodata(Name qname, Node wildcard) {
    if (chain.kind() == DenialChain.Kind.NSEC) {
      addNsec(chain.nsecCovering(qname));
      addNsec(wildcard);
    } else if (chain.nsec3Hashable()) {
      Name ce = new Name(wildcard.name(), 1);
      addNsec3(chain.nsec3Matching(chain.hash(ce)));
      addNsec3(chain.nsec3Covering(chain.hash(nextCloser(qname, ce))));
      addNsec3(chain.nsec3Matching(chain.hash(wildcard.name())));
    }
  }

  /** A referral to {@code cut}, which has no DS: prove there is none (RFC 4035 §3.1.4). */
  void insecureReferral(Node cut) {
    if (chain.kind() == DenialChain.Kind.NSEC) {
      addNsec(cut.has(Type.NSEC) ? cut : null);
    } else if (chain.nsec3Hashable()) {
      matchOrClosestProvable(cut.name());
    }
  }

  /**
   * The NSEC3 matching {@code name}; without one (an opt-out span, RFC 5155 §7.2.4 and §7.2.7), the
   * closest provable encloser's matching NSEC3 and the NSEC3 covering the next closer name.
   */
  private void matchOrClosestProvable(Name name) {
    Node match = chain.nsec3Matching(chain.hash(name));
    if (match != null) {
      addNsec3(match);
      return;
    }
    Name child = name;
    while (child.labels() > zone.origin().labels()) {
      Name parent = new Name(child, 1);
      Node encloser = chain.nsec3Matching(chain.hash(parent));
      if (encloser != null) {
        addNsec3(encloser);
        addNsec3(chain.nsec3Covering(chain.hash(child)));
        return;
      }
      child = parent;
    }
  }

  private void addNsec(Node node) {
    add(node, Type.NSEC);
  }

  private void addNsec3(Node node) {
    add(node, Type.NSEC3);
  }

  private void add(Node node, int type) {
    if (node == null || response.findRRset(node.name(), type, Section.AUTHORITY)) {
      return;
    }
    Record[] set = node.rrset(type);
    if (set == null) {
      return;
    }
    for (Record r : set) {
      response.addRecord(r, Section.AUTHORITY);
    }
    Record[] sigs = node.signatures(type);
    if (sigs != null) {
      for (Record r : sigs) {
        response.addRecord(r, Section.AUTHORITY);
      }
    }
  }

  /** The ancestor of {@code qname} one label below {@code closestEncloser} (RFC 5155 §1.3 "next closer name"). */
  private static Name nextCloser(Name qname, Name closestEncloser) {
    return new Name(qname, qname.labels() - closestEncloser.labels() - 1);
  }

  private static Name wildcardOf(Name name) {
    try {
      return Name.concatenate(WILDCARD, name);
    } catch (NameTooLongException e) {
      return name; // no wildcard can exist there; the proof of the name itself stands
    }
  }
}
