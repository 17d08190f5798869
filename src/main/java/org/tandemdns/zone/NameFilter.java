package org.tandemdns.zone;

import org.xbill.DNS.Name;

/**
 * A Bloom filter of names (two bit positions from the case-insensitive hash): "no" is certain,
 * "maybe" needs a real lookup. It lets {@link ZoneBuilder} tell that a name is new, as nearly every
 * name of a big zone is, without probing its node table at random; bits are primitives, so the
 * filter costs the garbage collector nothing to scan. It grows (re-adding from the caller) to keep
 * false positives under a few percent.
 */
final class NameFilter {
  private long[] bits;
  private int count;

  NameFilter() {
    this(0);
  }

  /** A filter sized for about {@code expected} names. */
  NameFilter(int expected) {
    bits = new long[Integer.highestOneBit(Math.max(64, expected / 2)) * 2];
  }

  boolean mightContain(Name name) {
    int h = name.hashCode();
    int mask = bits.length * 64 - 1;
    return isSet(spread(h) & mask) && isSet(spread(h * 0x9E3779B9) & mask);
  }

  /** Adds {@code name}; true when the filter has grown full and should be rebuilt by {@link #rebuilt}. */
  boolean add(Name name) {
    int h = name.hashCode();
    int mask = bits.length * 64 - 1;
    set(spread(h) & mask);
    set(spread(h * 0x9E3779B9) & mask);
    return ++count > bits.length * 4; // past 1 name per 16 bits
  }

  /** A filter twice as big with {@code names} in it. */
  static NameFilter rebuilt(Iterable<Node> nodes, int size) {
    NameFilter f = new NameFilter(size);
    for (Node n : nodes) {
      f.add(n.name());
    }
    return f;
  }

  private boolean isSet(int bit) {
    return (bits[bit >>> 6] & (1L << bit)) != 0;
  }

  private void set(int bit) {
    bits[bit >>> 6] |= 1L << bit;
  }

  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }
}
