package org.tandemdns.zone.compare;

import java.util.Set;

/**
 * What a comparison takes into account.
 *
 * @param ignoreSoaSerial compare the SOA without its serial (serial differences are then a matter
 *     of lag, reported elsewhere)
 * @param compareTtl report TTL differences (as {@link RRsetDifference.TtlDiffers})
 * @param ignoredTypes RR types left out of the comparison entirely
 */
public record CompareOptions(boolean ignoreSoaSerial, boolean compareTtl, Set<Integer> ignoredTypes) {

  public CompareOptions {
    ignoredTypes = Set.copyOf(ignoredTypes);
  }

  /** Everything compared, SOA serial included. */
  public static CompareOptions strict() {
    return new CompareOptions(false, true, Set.of());
  }

  /** Everything compared except the SOA serial. */
  public static CompareOptions ignoringSerial() {
    return new CompareOptions(true, true, Set.of());
  }

  /** These options, without TTL comparison. */
  public CompareOptions withoutTtl() {
    return new CompareOptions(ignoreSoaSerial, false, ignoredTypes);
  }

  /** These options, also ignoring {@code types}. */
  public CompareOptions ignoring(Set<Integer> types) {
    java.util.Set<Integer> all = new java.util.HashSet<>(ignoredTypes);
    all.addAll(types);
    return new CompareOptions(ignoreSoaSerial, compareTtl, all);
  }
}
