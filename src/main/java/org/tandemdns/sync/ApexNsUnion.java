package org.tandemdns.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tandemdns.config.SyncZoneConfig;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.ProviderException;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * {@code apex-ns-union}: when every provider of a zone is a primary of its own copy, a resolver
 * may ask any of them, and each must list every provider's nameservers at the apex (RFC 1034 §4.2.2:
 * the apex NS set names the zone's servers; the parent's delegation should list the same). The
 * union is built from each target's <em>own</em> nameservers — Route 53's delegation set, the
 * {@code own-ns} given for the others — never from the apex NS the targets now hold, so that a
 * provider taken out of the zone's targets leaves the union at the next sync instead of staying in
 * it forever.
 *
 * <p>All or nothing: when one target's nameservers cannot be known, the union is not pushed
 * anywhere (a partial union would take that provider out of every other provider's apex NS).
 */
final class ApexNsUnion {
  /** The TTL of the published set when the source has no apex NS (two days, as Route 53 and the root use). */
  static final long DEFAULT_TTL = 172_800;

  /** The union, or why there is none. */
  record Result(List<Name> nameservers, Optional<String> problem) {}

  private ApexNsUnion() {}

  /** The union over every target of {@code z} (not only those a run is limited to). */
  static Result of(SyncZoneConfig z, Map<String, Provider> providers) {
    Set<Name> union = new LinkedHashSet<>();
    for (String target : z.targets()) {
      List<Name> own = new ArrayList<>(z.settingsFor(target).ownNs());
      Provider p = providers.get(target);
      try {
        if (p != null) {
          own.addAll(p.ownNameservers(z.name()));
        }
      } catch (ProviderException e) {
        return new Result(List.of(), Optional.of("apex-ns-union: the nameservers of " + target + " could not be read (" + e.getMessage()
            + "); the apex NS is changed nowhere, since a union without them would drop them everywhere"));
      }
      if (own.isEmpty()) {
        return new Result(List.of(), Optional.of("apex-ns-union: the nameservers of " + target + " are not known; give them as"
            + " per-target: { " + target + ": { own-ns: [...] } }; the apex NS is changed nowhere"));
      }
      own.forEach(n -> union.add(n.canonicalize()));
    }
    return new Result(List.copyOf(union), Optional.empty());
  }

  /** {@code source} with its apex NS RRset replaced by {@code nameservers}, at the source's apex NS TTL. */
  static ZoneContent publish(Name zone, ZoneContent source, List<Name> nameservers, List<String> notes) {
    RRsetKey apexNs = RRsetKey.of(zone, Type.NS);
    Optional<CanonicalRRset> before = source.zone().get(apexNs);
    long ttl = before.map(CanonicalRRset::ttl).orElse(DEFAULT_TTL);
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    for (CanonicalRRset set : source.zone().rrsets().values()) {
      if (!set.key().equals(apexNs)) {
        set.rdatas().forEach(r -> b.add(r.record()));
      }
    }
    for (Name ns : nameservers) {
      b.add(new NSRecord(zone, DClass.IN, ttl, ns));
    }
    CanonicalZone out = b.build();
    List<String> sourceNs = before.map(s -> s.rdatas().stream().map(CanonicalRdata::text).sorted().toList()).orElse(List.of());
    List<String> unionNs = out.get(apexNs).orElseThrow().rdatas().stream().map(CanonicalRdata::text).sorted().toList();
    if (!sourceNs.equals(unionNs)) {
      notes.add("apex-ns-union: the source's apex NS " + sourceNs + " is not the union of the targets' nameservers " + unionNs
          + "; the union is pushed (update the source, and the parent's delegation: tandem check --parent compares them)");
    }
    return new ZoneContent(out, source.serial(), source.notes());
  }
}
