package org.tandemdns.monitor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.ZoneComparator;

/**
 * Picks the majority copy: copies are grouped by equal data (the comparator's options decide
 * what is equal, normally SOA serial and TTLs aside); the largest group wins, ties go to the
 * group holding the newest serial (RFC 1982), then to the first listed. Within the group the copy
 * with the newest serial is the reference.
 *
 * @param nameserver whose copy it is
 * @param zone the copy
 * @param agreeing how many copies are in its group
 * @param total how many copies there were
 */
record ReferenceChoice(Nameserver nameserver, CanonicalZone zone, int agreeing, int total) {

  static Optional<ReferenceChoice> majority(Map<Nameserver, CanonicalZone> copies, ZoneComparator comparator) {
    List<List<Map.Entry<Nameserver, CanonicalZone>>> groups = new ArrayList<>();
    for (Map.Entry<Nameserver, CanonicalZone> e : copies.entrySet()) {
      groups.stream()
          .filter(g -> comparator.sameData(g.get(0).getValue(), e.getValue()))
          .findFirst()
          .ifPresentOrElse(g -> g.add(e), () -> groups.add(new ArrayList<>(List.of(e))));
    }
    List<Map.Entry<Nameserver, CanonicalZone>> best = null;
    for (List<Map.Entry<Nameserver, CanonicalZone>> g : groups) {
      if (best == null || g.size() > best.size() || (g.size() == best.size() && Serials.newer(serial(newest(g)), serial(newest(best))))) {
        best = g;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Map.Entry<Nameserver, CanonicalZone> pick = newest(best);
    return Optional.of(new ReferenceChoice(pick.getKey(), pick.getValue(), best.size(), copies.size()));
  }

  private static Map.Entry<Nameserver, CanonicalZone> newest(List<Map.Entry<Nameserver, CanonicalZone>> g) {
    Map.Entry<Nameserver, CanonicalZone> best = g.get(0);
    for (Map.Entry<Nameserver, CanonicalZone> e : g) {
      if (Serials.newer(serial(e), serial(best))) {
        best = e;
      }
    }
    return best;
  }

  private static long serial(Map.Entry<Nameserver, CanonicalZone> e) {
    return e.getValue().serial().orElse(0L);
  }
}
