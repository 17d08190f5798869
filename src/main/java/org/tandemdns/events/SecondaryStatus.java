package org.tandemdns.events;

import java.time.Instant;
import java.util.List;

/**
 * Where a secondary zone's refresh stands, for the status API and the CLI.
 *
 * @param lastAttempt when the last refresh started, or null
 * @param lastSuccess when a refresh last succeeded, or null
 * @param lastResult what the last refresh did, in words
 * @param nextRefresh when the next refresh (or retry) is due
 * @param expireAt when the zone expires without a successful refresh
 * @param expired true while the zone answers SERVFAIL because it expired
 * @param refreshing true while a refresh runs
 * @param failures refreshes that failed since start
 */
public record SecondaryStatus(Instant lastAttempt, Instant lastSuccess, String lastResult, Instant nextRefresh,
    Instant expireAt, boolean expired, boolean refreshing, List<PrimaryState> primaries, long failures) {

  /**
   * @param failingUntil when a failed primary will be tried first again, or null when it is not failing
   */
  public record PrimaryState(String primary, boolean lastGood, Instant failingUntil) {}
}
