package org.tandemdns.config;

import java.time.Duration;

/**
 * Caps on one inbound zone transfer: a primary that sends a huge or endless transfer is cut off at
 * the first cap crossed, and the served zone stays as it was.
 *
 * @param records most records accepted (default 10,000,000)
 * @param bytes most bytes accepted (default 2 GiB)
 * @param timeout the whole transfer, connect to last message (default 30m)
 */
public record TransferLimitsConfig(Long records, Long bytes, Duration timeout) {
  public TransferLimitsConfig {
    records = records == null ? 10_000_000L : records;
    bytes = bytes == null ? 2L << 30 : bytes;
    timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
    if (records < 2 || bytes < 512 || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("transfer-limits must be positive (records at least 2, bytes at least 512)");
    }
  }

  public static TransferLimitsConfig defaults() {
    return new TransferLimitsConfig(null, null, null);
  }
}
