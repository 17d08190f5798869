package org.tandemdns.dnssec;

import java.time.Instant;

/**
 * How many still-valid signatures one signing run may renew ahead of their expiry, and which: those
 * expiring no later than {@code cutoff}, so a big zone is refreshed in batches, earliest expiry
 * first. Signatures of changed RRsets, expired ones and ones of keys no longer in use are always
 * made; they do not count against the budget.
 */
public final class RefreshBudget {
  private final Instant cutoff;
  private int left;
  private int deferred;

  public RefreshBudget(int limit, Instant cutoff) {
    this.left = limit;
    this.cutoff = cutoff;
  }

  /** No limit: every signature due for refresh is renewed. */
  public static RefreshBudget unlimited() {
    return new RefreshBudget(Integer.MAX_VALUE, Instant.MAX);
  }

  /** True, and counted, when a signature expiring at {@code expiration} may be renewed now. */
  boolean take(Instant expiration) {
    if (left > 0 && !expiration.isAfter(cutoff)) {
      left--;
      return true;
    }
    deferred++;
    return false;
  }

  /** Signatures due for refresh that this run left for the next one. */
  public int deferred() {
    return deferred;
  }
}
