package org.tandemdns.zone.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares two copies of a zone RRset by RRset on canonical form (RFC 4034 §6.2).
 *
 * <p>Stateless and thread-safe.
 */
public final class ZoneComparator {

  private final CompareOptions options;

  public ZoneComparator(CompareOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Every difference between two complete copies. */
  public ZoneComparison compare(CanonicalZone expected, CanonicalZone actual) {
    Set<RRsetKey> keys = new TreeSet<>(expected.rrsets().keySet());
    keys.addAll(actual.rrsets().keySet());
    return compareKeys(expected, actual, keys);
  }

  /**
   * Differences restricted to {@code scope}: for a partial copy that holds only the answers to
   * the RRsets in {@code scope} (for instance one queried name by name), keys outside it are not
   * known to be missing or unexpected and are not reported.
   */
  public ZoneComparison compareWithin(CanonicalZone expected, CanonicalZone actual, Set<RRsetKey> scope) {
    return compareKeys(expected, actual, new TreeSet<>(scope));
  }

  private ZoneComparison compareKeys(CanonicalZone expected, CanonicalZone actual, Set<RRsetKey> keys) {
    Predicate<RRsetKey> considered = k -> !options.ignoredTypes().contains(k.type());
    List<RRsetDifference> out = new ArrayList<>();
    for (RRsetKey key : keys) {
      if (!considered.test(key)) {
        continue;
      }
      CanonicalRRset e = expected.rrsets().get(key);
      CanonicalRRset a = actual.rrsets().get(key);
      if (e == null && a == null) {
        continue;
      }
      if (a == null) {
        out.add(new RRsetDifference.Missing(key, e));
      } else if (e == null) {
        out.add(new RRsetDifference.Unexpected(key, a));
      } else if (!normalize(e).sameData(normalize(a))) {
        out.add(changed(key, e, a));
      } else if (options.compareTtl() && e.ttl() != a.ttl()) {
        out.add(new RRsetDifference.TtlDiffers(key, e.ttl(), a.ttl()));
      }
    }
    return new ZoneComparison(out);
  }

  private CanonicalRRset normalize(CanonicalRRset s) {
    return options.ignoreSoaSerial() ? s.withoutSerial() : s;
  }

  /** True when the copies hold the same data under these options (TTLs not considered). */
  public boolean sameData(CanonicalZone a, CanonicalZone b) {
    return compare(a, b).drift().isEmpty();
  }

  private static RRsetDifference.Changed changed(RRsetKey key, CanonicalRRset e, CanonicalRRset a) {
    List<CanonicalRdata> onlyE = e.rdatas().stream().filter(r -> !a.rdatas().contains(r)).toList();
    List<CanonicalRdata> onlyA = a.rdatas().stream().filter(r -> !e.rdatas().contains(r)).toList();
    return new RRsetDifference.Changed(key, e, a, onlyE, onlyA);
  }
}
