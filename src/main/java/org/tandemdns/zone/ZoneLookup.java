package org.tandemdns.zone;

import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Type;

/**
 * Descends a snapshot from the apex to a name, label by label, stopping at the first zone cut
 * (RFC 1034 §4.3.2), DNAME (RFC 6672 §3.1) or missing label, where wildcard synthesis is tried at
 * the closest encloser (RFC 4592 §3.3.1). Empty non-terminals are nodes, so they count as existing
 * names and block wildcards below them; the hashed owners of NSEC3 records do not (RFC 5155 §7.2).
 */
public final class ZoneLookup {
  private static final Name WILDCARD_LABEL = Name.fromConstantString("*");

  private ZoneLookup() {}

  /**
   * Finds {@code qname}, which must be at or below the snapshot's origin. A DS query at a cut is
   * answered from the parent side (RFC 4035 §3.1.4.1), so for {@code qtype} DS the cut itself is
   * not a referral.
   */
  public static LookupResult find(ZoneSnapshot zone, Name qname, int qtype) {
    int below = qname.labels() - zone.origin().labels();
    Node enclosing = zone.apex();
    for (int depth = 1; depth <= below; depth++) {
      if (enclosing.hasDname()) {
        return new LookupResult.Dname(enclosing);
      }
      Name name = depth == below ? qname : new Name(qname, below - depth);
      Node node = zone.node(name);
      if (node == null || node.isNsec3Only()) {
        return wildcardAt(zone, enclosing);
      }
      if (node.isDelegation() && !(depth == below && qtype == Type.DS)) {
        return new LookupResult.Referral(node);
      }
      enclosing = node;
    }
    return new LookupResult.Found(enclosing, false);
  }

  private static LookupResult wildcardAt(ZoneSnapshot zone, Node closestEncloser) {
    Node wildcard;
    try {
      wildcard = zone.node(Name.concatenate(WILDCARD_LABEL, closestEncloser.name()));
    } catch (NameTooLongException e) {
      wildcard = null;
    }
    if (wildcard == null || wildcard.isNsec3Only()) {
      return new LookupResult.NoSuchName(closestEncloser);
    }
    if (wildcard.isDelegation()) {
      return new LookupResult.Referral(wildcard);
    }
    return new LookupResult.Found(wildcard, true);
  }
}
