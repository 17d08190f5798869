package org.tandemdns.sync;

import java.time.Duration;
import java.util.List;

/**
 * Whether a target's nameservers serve what was applied.
 *
 * @param outcome served, timed out, or not verified (no nameservers configured)
 * @param elapsed from the end of the apply until every nameserver served the changes (or the timeout)
 * @param checked RRsets queried at each nameserver
 * @param skipped RRsets not verifiable by query (below a delegation or a DNAME), or beyond the cap
 * @param pending at a timeout, what was still not served, as {@code server: owner TYPE (what it serves)}
 * @param note why nothing was verified, when nothing was
 */
public record Verification(Outcome outcome, Duration elapsed, int checked, int skipped, List<String> pending, String note) {
  /** How verification ended. */
  public enum Outcome { SERVED, TIMED_OUT, NOT_VERIFIED }

  public Verification {
    pending = List.copyOf(pending);
  }

  public boolean failed() {
    return outcome == Outcome.TIMED_OUT;
  }
}
