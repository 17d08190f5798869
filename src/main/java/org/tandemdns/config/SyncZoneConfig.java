package org.tandemdns.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.Name;

/**
 * One zone under {@code sync.zones}: its source of truth, the providers it is pushed to, and the
 * rules that keep a push from doing harm.
 *
 * @param name the zone
 * @param source where the zone's content is read
 * @param targets names of providers under {@code sync.providers}
 * @param includeApexNs also make the apex NS RRset equal (default false: each target keeps its own)
 * @param maxChange a plan that updates or deletes more than this share of a target's RRsets is
 *     refused without {@code --force} (default 30%)
 * @param maxUpdates a plan updating more RRsets than this (a share or a count) is refused without
 *     {@code --force} (default: no limit of its own)
 * @param maxDeletes the same for deletes
 * @param lenient skip, with a warning, records a target cannot hold (default false: the plan for
 *     that target fails, naming them)
 * @param ignore records managed elsewhere, never created, changed or deleted at a target
 * @param perTarget settings for one target that override the zone's
 * @param apexNsUnion publish at every target the union of every target's own nameservers as the
 *     apex NS (what resolvers must see when each provider is a primary); changing it needs
 *     {@code --force}
 */
public record SyncZoneConfig(Name name, SyncSourceConfig source, List<String> targets, Boolean includeApexNs, Percent maxChange,
    Threshold maxUpdates, Threshold maxDeletes, Boolean lenient, List<SyncIgnoreRule> ignore,
    Map<String, SyncTargetSettings> perTarget, Boolean apexNsUnion) {
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
    lenient = lenient != null && lenient;
    ignore = ignore == null ? List.of() : List.copyOf(ignore);
    perTarget = perTarget == null ? Map.of() : new TreeMap<>(perTarget);
    apexNsUnion = apexNsUnion != null && apexNsUnion;
    for (String t : perTarget.keySet()) {
      if (!seen.contains(t)) {
        throw new IllegalArgumentException("zone " + name + ": per-target names " + t + ", which is not one of its targets "
            + targets);
      }
    }
  }

  /** The zone's settings for {@code target}, its {@code per-target:} entry applied. */
  public SyncTargetSettings settingsFor(String target) {
    SyncTargetSettings o = perTarget.get(target);
    if (o == null) {
      return new SyncTargetSettings(maxChange, maxUpdates, maxDeletes, lenient, 0L, List.of());
    }
    return new SyncTargetSettings(o.maxChange() != null ? o.maxChange() : maxChange,
        o.maxUpdates() != null ? o.maxUpdates() : maxUpdates, o.maxDeletes() != null ? o.maxDeletes() : maxDeletes,
        o.lenient() != null ? o.lenient() : lenient, o.minTtl() != null ? o.minTtl() : 0L, o.ownNs());
  }

  SyncZoneConfig resolvedAgainst(Path base) {
    return new SyncZoneConfig(name, source.resolvedAgainst(base), targets, includeApexNs, maxChange, maxUpdates, maxDeletes,
        lenient, ignore, perTarget, apexNsUnion);
  }
}
