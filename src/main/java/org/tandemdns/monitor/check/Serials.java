package org.tandemdns.monitor.check;

import java.util.Collection;
import java.util.Optional;

/** Serial number arithmetic (RFC 1982 §3.2) on 32-bit SOA serials held in longs. */
public final class Serials {
  private Serials() {}

  private static final long MOD = 1L << 32;
  private static final long HALF = 1L << 31;

  /**
   * Signed distance from {@code from} to {@code to}: positive when {@code to} is newer. Undefined
   * pairs (exactly 2^31 apart, RFC 1982 §3.2) give {@link Optional#empty()}.
   */
  public static Optional<Long> distance(long from, long to) {
    long d = Math.floorMod(to - from, MOD);
    if (d == HALF) {
      return Optional.empty();
    }
    return Optional.of(d < HALF ? d : d - MOD);
  }

  /** True when {@code a} is newer than {@code b} by RFC 1982. */
  public static boolean newer(long a, long b) {
    return distance(b, a).map(d -> d > 0).orElse(false);
  }

  /**
   * The newest serial of {@code serials}: the one no other is newer than. Empty when the set has
   * none (serials spread over half the number space or more), or is empty.
   */
  public static Optional<Long> newest(Collection<Long> serials) {
    for (long candidate : serials) {
      boolean newest = serials.stream().allMatch(s -> s == candidate || distance(s, candidate).map(d -> d > 0).orElse(false));
      if (newest) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
