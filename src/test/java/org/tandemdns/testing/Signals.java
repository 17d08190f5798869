package org.tandemdns.testing;

import java.time.Duration;
import java.util.List;

/** Sends POSIX signals to processes with {@code kill(1)}, bounded in time. */
public final class Signals {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private Signals() {}

  /** Sends {@code signal} (a name such as {@code HUP} or {@code TERM}) to {@code pid}; fails if kill fails. */
  public static void send(long pid, String signal) {
    Processes.run(List.of("kill", "-s", signal, Long.toString(pid)), "", TIMEOUT).requireOk();
  }
}
