package org.tandemdns.dnsclient;

import java.time.Duration;

/**
 * A point on the monotonic clock after which an exchange gives up.
 *
 * <p>Network deadlines use {@link System#nanoTime()}, not the wall clock, so they are immune to
 * clock steps; scheduling (which tests control) uses an injected {@link java.time.Clock} instead.
 *
 * @param atNanos the {@link System#nanoTime()} value of the deadline
 */
public record Deadline(long atNanos) {

  /** The deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** The earlier of this and {@code other}. */
  public Deadline min(Deadline other) {
    return atNanos - other.atNanos <= 0 ? this : other;
  }

  /** Time left; zero or negative once passed. */
  public Duration remaining() {
    return Duration.ofNanos(atNanos - System.nanoTime());
  }

  /** True once the deadline has passed. */
  public boolean passed() {
    return atNanos - System.nanoTime() <= 0;
  }

  /**
   * Milliseconds left, at least 1, for socket timeouts.
   *
   * @throws DnsTimeoutException if the deadline has passed
   */
  public int socketTimeoutMillis() throws DnsTimeoutException {
    long ms = remaining().toMillis();
    if (ms <= 0) {
      throw new DnsTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ms));
  }
}
