package org.tandemdns.store;

/**
 * How much journal to keep per zone: the newest entries within both limits survive; older ones are
 * pruned in the same transaction that appends a new entry. IXFR from a serial older than what is
 * kept falls back to AXFR (RFC 1995 §2).
 */
public record JournalRetention(int maxEntries, long maxBytes) {
  public JournalRetention {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("journal must keep at least one entry");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("journal byte limit must be positive");
    }
  }

  /** 1000 entries and 64 MiB per zone. */
  public static JournalRetention defaults() {
    return new JournalRetention(1000, 64L << 20);
  }
}
