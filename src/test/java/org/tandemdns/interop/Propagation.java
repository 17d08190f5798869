package org.tandemdns.interop;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.ServerProcess;

/**
 * Measures how long a change takes to reach a secondary: from a moment of the test's choosing (the
 * SIGHUP) until the secondary answers SOA with the new serial, polled every 2 ms over UDP with a
 * bound on the whole wait. Figures only; tests print them and assert nothing about them.
 */
final class Propagation {

  private static final Duration POLL = Duration.ofMillis(2);
  private static final Duration QUERY_TIMEOUT = Duration.ofMillis(200);

  private final List<Long> millis = new ArrayList<>();

  /**
   * Waits until {@code secondary} serves {@code zone} at {@code serial}, started at {@code startNanos}
   * ({@link System#nanoTime()}); records and returns the milliseconds; fails after {@code timeout}.
   */
  long awaitServed(ServerProcess secondary, String zone, long serial, long startNanos, Duration timeout) {
    long deadline = startNanos + timeout.toNanos();
    DnsQuery query = DnsQuery.to(secondary.endpoint()).timeout(QUERY_TIMEOUT);
    while (query.soaSerial(zone) != serial) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(secondary + " did not serve serial " + serial + " within " + timeout.toMillis() + " ms");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    millis.add(ms);
    return ms;
  }

  /** "n=12 median=… ms max=… ms min=… ms all=[…]" over every recorded wait. */
  String summary() {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    long median = (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2;
    return "n=" + sorted.size() + " median=" + median + " ms max=" + sorted.get(sorted.size() - 1) + " ms min="
        + sorted.get(0) + " ms all=" + millis;
  }

  /** The timestamp of the first line of {@code log} (Tandem's format) that contains every one of {@code parts}. */
  static Instant loggedAt(String log, String... parts) {
    return log.lines().filter(l -> List.of(parts).stream().allMatch(l::contains)).findFirst()
        .map(l -> OffsetDateTime.parse(l.substring(0, l.indexOf(' '))).toInstant())
        .orElseThrow(() -> new AssertionError("no line with " + List.of(parts) + " in\n" + log));
  }
}
