package org.tandemdns.config;

import java.util.Locale;

/**
 * A limit on how many RRsets one plan may update or delete at a target: a share of the RRsets the
 * target holds ({@code 10%}) or a count ({@code 25}). In the manner of OctoDNS's
 * {@code update_pct_threshold}/{@code delete_pct_threshold}, with a count for zones where a share
 * says little (a 4-RRset zone, a 100,000-RRset one).
 *
 * @param share the share, when written with {@code %}; else null
 * @param count the count, when written as a whole number; else -1
 */
public record Threshold(Percent share, long count) {
  public Threshold {
    if ((share == null) == (count < 0)) {
      throw new IllegalArgumentException("a threshold is a share (10%) or a count (25)");
    }
  }

  /** Parses {@code 10%}, {@code 12.5%} (a share) or {@code 25} (a count). */
  public static Threshold parse(String text) {
    String t = text.trim();
    if (t.endsWith("%")) {
      return new Threshold(Percent.parse(t), -1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new IllegalArgumentException("'" + text + "' is negative");
      }
      return new Threshold(null, n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is neither a share (10%) nor a count (25) of RRsets");
    }
  }

  /** True when {@code n} RRsets changed out of the {@code existing} the target holds is more than this allows. */
  public boolean exceededBy(long n, int existing) {
    if (share != null) {
      return existing > 0 && (double) n / existing > share.fraction();
    }
    return n > count;
  }

  @Override
  public String toString() {
    return share != null ? share.toString() : String.format(Locale.ROOT, "%d RRsets", count);
  }
}
