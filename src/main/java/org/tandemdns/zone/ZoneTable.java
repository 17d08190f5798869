package org.tandemdns.zone;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Every zone served, found by longest match of a query name (RFC 1034 §4.3.2 step 2). The map is
 * copied on write and published through a volatile field, so lookups never lock.
 */
public final class ZoneTable {
  private volatile Map<Name, ServedZone> zones = Map.of();
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

  /**
   * A number that changes whenever any answer could change: a zone added or removed, a snapshot
   * swapped, a zone expired or revived. Caches of rendered answers compare it to know they are current.
   */
  public long generation() {
    return generation.get();
  }

  void bump() {
    generation.incrementAndGet();
  }

  /** The zone whose origin is the longest suffix of {@code qname}, or null. */
  public ServedZone find(Name qname) {
    Map<Name, ServedZone> map = zones;
    if (map.isEmpty()) {
      return null;
    }
    int labels = qname.labels();
    for (int strip = 0; strip < labels; strip++) {
      ServedZone zone = map.get(strip == 0 ? qname : new Name(qname, strip));
      if (zone != null) {
        return zone;
      }
    }
    return null;
  }

  /** The zone with exactly this origin, or null. */
  public ServedZone get(Name origin) {
    return zones.get(origin);
  }

  public Collection<ServedZone> all() {
    return zones.values();
  }

  /** Adds a zone; fails if one with the same origin is already served. */
  public synchronized void add(ServedZone zone) {
    if (zones.containsKey(zone.origin())) {
      throw new IllegalArgumentException("zone " + zone.origin() + " is already served");
    }
    Map<Name, ServedZone> next = new HashMap<>(zones);
    next.put(zone.origin(), zone);
    zone.attach(this::bump);
    zones = Map.copyOf(next);
    bump();
  }

  /** Removes the zone with this origin; returns it, or null. */
  public synchronized ServedZone remove(Name origin) {
    if (!zones.containsKey(origin)) {
      return null;
    }
    Map<Name, ServedZone> next = new HashMap<>(zones);
    ServedZone removed = next.remove(origin);
    zones = Map.copyOf(next);
    bump();
    return removed;
  }
}
