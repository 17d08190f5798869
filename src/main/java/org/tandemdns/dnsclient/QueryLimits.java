package org.tandemdns.dnsclient;

import java.time.Duration;

/**
 * Bounds on one query.
 *
 * @param timeout how long each try waits for an answer
 * @param udpTries tries over UDP before giving up (TCP is tried once)
 */
public record QueryLimits(Duration timeout, int udpTries) {

  public QueryLimits {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (udpTries < 1 || udpTries > 10) {
      throw new IllegalArgumentException("udp tries must be 1 to 10");
    }
  }

  /** Two seconds, two UDP tries. */
  public static QueryLimits defaults() {
    return new QueryLimits(Duration.ofSeconds(2), 2);
  }
}
