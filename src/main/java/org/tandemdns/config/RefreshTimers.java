package org.tandemdns.config;

import java.time.Duration;

/**
 * Bounds on a secondary's SOA timers (RFC 1035 §3.3.13): REFRESH and RETRY from the zone are
 * clamped into these ranges, so a zone with silly values can neither hammer its primaries nor go
 * stale for weeks.
 */
public record RefreshTimers(Duration refreshMin, Duration refreshMax, Duration retryMin, Duration retryMax) {
  public RefreshTimers {
    refreshMin = refreshMin == null ? Duration.ofSeconds(2) : refreshMin;
    refreshMax = refreshMax == null ? Duration.ofDays(1) : refreshMax;
    retryMin = retryMin == null ? Duration.ofSeconds(1) : retryMin;
    retryMax = retryMax == null ? Duration.ofHours(12) : retryMax;
    if (refreshMin.compareTo(refreshMax) > 0 || retryMin.compareTo(retryMax) > 0) {
      throw new IllegalArgumentException("timers: a minimum is above its maximum");
    }
  }

  public static RefreshTimers defaults() {
    return new RefreshTimers(null, null, null, null);
  }

  public Duration refresh(long soaSeconds) {
    return clamp(Duration.ofSeconds(soaSeconds), refreshMin, refreshMax);
  }

  public Duration retry(long soaSeconds) {
    return clamp(Duration.ofSeconds(soaSeconds), retryMin, retryMax);
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }
}
