package org.tandemdns.dnsclient;

import java.time.Duration;

/**
 * Bounds on one zone transfer: a server that sends a huge or endless AXFR is cut off at the first
 * bound it crosses.
 *
 * @param timeout total time for connecting, sending and receiving every message
 * @param maxRecords most records accepted (SOA included)
 * @param maxBytes most bytes accepted
 */
public record TransferLimits(Duration timeout, long maxRecords, long maxBytes) {

  public TransferLimits {
    if (timeout.isNegative() || timeout.isZero() || maxRecords < 2 || maxBytes < 64) {
      throw new IllegalArgumentException("transfer limits must be positive");
    }
  }

  /** 60 seconds, 200,000 records, 64 MiB. */
  public static TransferLimits defaults() {
    return new TransferLimits(Duration.ofSeconds(60), 200_000, 64L << 20);
  }
}
