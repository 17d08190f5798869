package org.tandemdns.sync.push;

import java.time.Duration;

/**
 * Waits between tries at a target that fails: {@code min} after the first failure, doubling after
 * each further one, never more than {@code max}.
 */
record Backoff(Duration min, Duration max) {
  Duration after(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration d = min;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
