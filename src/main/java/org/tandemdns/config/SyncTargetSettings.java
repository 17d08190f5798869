package org.tandemdns.config;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * What a zone sets for one of its targets under {@code per-target:}, overriding the zone's own
 * setting; a key left out keeps the zone's.
 *
 * @param maxChange the combined updates-and-deletes share
 * @param maxUpdates the updates limit
 * @param maxDeletes the deletes limit
 * @param lenient skip records this target cannot hold, with a warning, instead of failing
 * @param minTtl the smallest TTL the target keeps (a provider that raises lower TTLs to its
 *     minimum); lower source TTLs are pushed and compared at it, so the plan does not keep trying
 * @param ownNs the nameservers this target serves the zone from, for {@code apex-ns-union} (a
 *     Route 53 target reports its own; others are named here)
 */
public record SyncTargetSettings(Percent maxChange, Threshold maxUpdates, Threshold maxDeletes, Boolean lenient, Long minTtl,
    List<Name> ownNs) {
  public SyncTargetSettings {
    ownNs = ownNs == null ? List.of() : List.copyOf(ownNs);
    if (minTtl != null && (minTtl < 0 || minTtl > 2_147_483_647L)) {
      throw new IllegalArgumentException("min-ttl must be from 0 to 2147483647");
    }
  }
}
