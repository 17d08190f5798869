package org.tandemdns.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the command-line DNS tools ({@code dig}, {@code kdig}, {@code nsupdate}, {@code knsupdate})
 * with a timeout. A missing tool skips the test, or fails it in CI (see {@link PeerRequirement}).
 *
 * <pre>{@code
 * CommandResult r = DigRunner.dig(peer.endpoint(), "example.com", "AXFR", "-y", key.digArg());
 * CommandResult u = DigRunner.nsupdate("server 127.0.0.1 " + port + "\nupdate add ...\nsend\n", "-y", key.digArg());
 * }</pre>
 */
public final class DigRunner {

  /** Default time limit for one tool run. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private DigRunner() {}

  /** {@code dig @host -p port args...}. */
  public static CommandResult dig(Endpoint server, String... args) {
    return run(DEFAULT_TIMEOUT, null, "dig", with(server.digArgs(), args));
  }

  /** {@code kdig @host -p port args...}. */
  public static CommandResult kdig(Endpoint server, String... args) {
    return run(DEFAULT_TIMEOUT, null, "kdig", with(server.digArgs(), args));
  }

  /** {@code nsupdate args...} reading {@code script} (which should name its {@code server}). */
  public static CommandResult nsupdate(String script, String... args) {
    return run(DEFAULT_TIMEOUT, script, "nsupdate", List.of(args));
  }

  /** {@code knsupdate args...} reading {@code script}. */
  public static CommandResult knsupdate(String script, String... args) {
    return run(DEFAULT_TIMEOUT, script, "knsupdate", List.of(args));
  }

  /** Runs {@code program args...} with {@code stdin} (may be null) and a time limit. */
  public static CommandResult run(Duration timeout, String stdin, String program, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(PeerRequirement.require(program).toString());
    command.addAll(args);
    return Processes.run(command, stdin, timeout);
  }

  private static List<String> with(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }
}
