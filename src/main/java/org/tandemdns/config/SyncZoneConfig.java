package org.tandemdns.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * One zone under {@code sync.zones}: its source of truth and the providers it is pushed to.
 *
 * @param name the zone
 * @param source where the zone's content is read
 * @param targets names of providers under {@code sync.providers}
 * @param includeApexNs also make the apex NS RRset equal (default false: each target keeps its own)
 * @param maxChange a plan that updates or deletes more than this share of a target's RRsets is
 *     refused without {@code --force} (default 30%)
 */
public record SyncZoneConfig(Name name, SyncSourceConfig source, List<String> targets, Boolean includeApexNs, Percent maxChange) {
  /** The default safety threshold. */
  public static final Percent DEFAULT_MAX_CHANGE = new Percent(0.30);

  public SyncZoneConfig {
    if (name == null) {
      throw new IllegalArgumentException("missing 'name'");
    }
    if (source == null) {
      throw new IllegalArgumentException("zone " + name + ": missing 'source' (file: PATH or provider: NAME)");
    }
    targets = targets == null ? List.of() : List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("zone " + name + ": give 'targets', the providers to push to");
    }
    Set<String> seen = new HashSet<>();
    for (String t : targets) {
      if (!seen.add(t)) {
        throw new IllegalArgumentException("zone " + name + ": target " + t + " is listed twice");
      }
      if (t.equals(source.provider())) {
        throw new IllegalArgumentException("zone " + name + ": provider " + t + " is both the source and a target");
      }
    }
    includeApexNs = includeApexNs != null && includeApexNs;
    maxChange = maxChange == null ? DEFAULT_MAX_CHANGE : maxChange;
  }

  SyncZoneConfig resolvedAgainst(Path base) {
    return new SyncZoneConfig(name, source.resolvedAgainst(base), targets, includeApexNs, maxChange);
  }
}
