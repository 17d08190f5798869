package org.tandemdns.zone.compare;

import java.util.List;

/**
 * One difference between an expected and an actual copy of a zone, for one RRset.
 *
 * <p>A closed set: the RRset is missing, unexpected, has different data, or the same data with a
 * different TTL. Only the last is not content drift.
 */
public sealed interface RRsetDifference extends Comparable<RRsetDifference>
    permits RRsetDifference.Missing,
        RRsetDifference.Unexpected,
        RRsetDifference.Changed,
        RRsetDifference.TtlDiffers {

  /** The RRset concerned. */
  RRsetKey key();

  /** True for a difference in data, false for a TTL-only difference. */
  default boolean isDrift() {
    return !(this instanceof TtlDiffers);
  }

  @Override
  default int compareTo(RRsetDifference o) {
    return key().compareTo(o.key());
  }

  /** Present in the expected copy, absent from the actual one. */
  record Missing(RRsetKey key, CanonicalRRset expected) implements RRsetDifference {}

  /** Present in the actual copy, absent from the expected one. */
  record Unexpected(RRsetKey key, CanonicalRRset actual) implements RRsetDifference {}

  /**
   * Present in both with different RDATAs.
   *
   * @param onlyExpected RDATAs the actual copy lacks
   * @param onlyActual RDATAs the expected copy lacks
   */
  record Changed(
      RRsetKey key,
      CanonicalRRset expected,
      CanonicalRRset actual,
      List<CanonicalRdata> onlyExpected,
      List<CanonicalRdata> onlyActual)
      implements RRsetDifference {
    public Changed {
      onlyExpected = List.copyOf(onlyExpected);
      onlyActual = List.copyOf(onlyActual);
    }
  }

  /** Same RDATAs, different TTL. */
  record TtlDiffers(RRsetKey key, long expectedTtl, long actualTtl) implements RRsetDifference {}
}
