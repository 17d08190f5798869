package org.tandemdns.zone.compare;

import java.util.List;

/**
 * The differences between two copies of a zone, in canonical RRset order.
 *
 * @param differences every difference, content and TTL
 */
public record ZoneComparison(List<RRsetDifference> differences) {

  public ZoneComparison {
    differences = differences.stream().sorted().toList();
  }

  /** True when the copies are the same under the options used. */
  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** Content differences only (missing, unexpected, changed). */
  public List<RRsetDifference> drift() {
    return differences.stream().filter(RRsetDifference::isDrift).toList();
  }

  /** TTL-only differences. */
  public List<RRsetDifference.TtlDiffers> ttl() {
    return differences.stream()
        .filter(d -> d instanceof RRsetDifference.TtlDiffers)
        .map(d -> (RRsetDifference.TtlDiffers) d)
        .toList();
  }
}
