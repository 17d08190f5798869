package org.tandemdns.config;

import java.time.Duration;

/**
 * The {@code sync.push} settings of continuous push ({@code push-to:} on a primary zone of
 * {@code tandem serve}).
 *
 * @param retryMin first wait after a failed push (default 1s); it doubles after each failure
 * @param retryMax longest wait between two tries (default 5m)
 * @param resyncInterval how often each target is compared with the zone and its drift corrected
 *     (default 10m)
 * @param maxChange a full re-sync that would update or delete more than this share of a target's
 *     RRsets is refused (default 30%); {@code tandem sync apply --force} does it by hand
 */
public record PushConfig(Duration retryMin, Duration retryMax, Duration resyncInterval, Percent maxChange) {
  public PushConfig {
    retryMin = retryMin == null ? Duration.ofSeconds(1) : retryMin;
    retryMax = retryMax == null ? Duration.ofMinutes(5) : retryMax;
    resyncInterval = resyncInterval == null ? Duration.ofMinutes(10) : resyncInterval;
    maxChange = maxChange == null ? SyncZoneConfig.DEFAULT_MAX_CHANGE : maxChange;
    if (retryMin.isZero() || retryMin.isNegative() || retryMax.compareTo(retryMin) < 0) {
      throw new IllegalArgumentException("retry-min must be positive and retry-max at least retry-min");
    }
    if (resyncInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("resync-interval must be at least 1s");
    }
  }

  public static PushConfig defaults() {
    return new PushConfig(null, null, null, null);
  }
}
