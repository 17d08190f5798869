package org.tandemdns.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: every wait in the harness has a deadline. */
public final class Wait {

  private static final Duration POLL = Duration.ofMillis(50);

  private Wait() {}

  /**
   * Polls {@code condition} until it holds; after {@code timeout}, throws an {@link AssertionError}
   * with {@code failure}'s message.
   */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("after " + timeout.toMillis() + " ms: " + failure.get());
      }
      sleep(POLL);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
