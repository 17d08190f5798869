package org.tandemdns.interop;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.tandemdns.testing.ServerProcess;
import org.tandemdns.testing.Wait;

/**
 * Reads a server's log as lines: those holding every given fragment, optionally only after a mark
 * taken with {@link #mark}, so that a test can tell the log lines of one step from the earlier ones.
 */
final class Logs {

  private Logs() {}

  /** The current end of the log; pass it to the other methods to look only at what follows. */
  static int mark(ServerProcess p) {
    return p.log().length();
  }

  /** Lines after {@code mark} that contain every fragment. */
  static List<String> lines(ServerProcess p, int mark, String... fragments) {
    String log = p.log();
    String tail = log.length() >= mark ? log.substring(mark) : log;
    return tail.lines().filter(l -> Arrays.stream(fragments).allMatch(l::contains)).toList();
  }

  /** Waits until a line after {@code mark} contains every fragment, and returns the first such line. */
  static String await(ServerProcess p, int mark, Duration timeout, String... fragments) {
    Wait.until(
        timeout,
        () -> !lines(p, mark, fragments).isEmpty(),
        () -> p + " logged no line with " + Arrays.toString(fragments) + " after offset " + mark
            + "\n--- log since then ---\n" + since(p, mark));
    return lines(p, mark, fragments).get(0);
  }

  /** The log after {@code mark} (at most the last 8000 characters), for failure messages. */
  static String since(ServerProcess p, int mark) {
    String log = p.log();
    String tail = log.length() >= mark ? log.substring(mark) : log;
    return tail.length() > 8000 ? "..." + tail.substring(tail.length() - 8000) : tail;
  }

  /** The timestamp that starts a Tandem log line ({@code 2024-01-01T12:00:00.123+00:00 INFO ...}). */
  static OffsetDateTime timestamp(String tandemLine) {
    return OffsetDateTime.parse(tandemLine.substring(0, tandemLine.indexOf(' ')));
  }
}
