package org.tandemdns.sync;

import java.util.function.IntPredicate;
import org.tandemdns.sync.provider.RecordTypes;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The RRsets a sync makes equal at one target: never the SOA (each target keeps its own, RFC 1035
 * §3.3.13 serial included) nor what each target's DNSSEC signer makes for itself
 * ({@link RecordTypes#SIGNER_MANAGED}), the apex NS only when asked (each provider usually lists
 * its own nameservers there), and only types the target supports.
 */
final class Scope {
  private final Name origin;
  private final boolean includeApexNs;
  private final IntPredicate supported;

  Scope(Name origin, boolean includeApexNs, IntPredicate supported) {
    this.origin = origin.canonicalize();
    this.includeApexNs = includeApexNs;
    this.supported = supported;
  }

  /** True for the apex NS RRset. */
  boolean isApexNs(RRsetKey key) {
    return key.type() == Type.NS && key.owner().equals(origin);
  }

  /** True for the types each target's signer makes, never pushed nor compared. */
  static boolean signerManaged(RRsetKey key) {
    return RecordTypes.SIGNER_MANAGED.contains(key.type());
  }

  /** True when {@code key} is neither the SOA, a signer's nor an excluded apex NS (its type may still be unsupported). */
  boolean considered(RRsetKey key) {
    return key.type() != Type.SOA && !signerManaged(key) && (includeApexNs || !isApexNs(key));
  }

  /** True when {@code key} is compared and pushed. */
  boolean includes(RRsetKey key) {
    return considered(key) && supported.test(key.type());
  }

  /** {@code zone} restricted to this scope. */
  CanonicalZone restrict(CanonicalZone zone) {
    CanonicalZone.Builder b = CanonicalZone.builder(zone.origin());
    for (CanonicalRRset set : zone.rrsets().values()) {
      if (includes(set.key())) {
        for (CanonicalRdata r : set.rdatas()) {
          b.add(r.record());
        }
      }
    }
    return b.build();
  }
}
