package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.xbill.DNS.Type;

/**
 * A DNS server running as a child process in its own temporary directory, answering on one
 * loopback endpoint, with its output captured in {@link #logFile()}.
 *
 * <p>{@link #close()} sends SIGTERM, then SIGKILL after a bounded wait, and deletes the directory
 * (kept when the system property {@code harness.keep} is {@code true}, for debugging).
 */
public abstract class ServerProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String program;
  private final Path dir;
  private final Path log;
  private final Endpoint endpoint;
  private Process process;

  protected ServerProcess(String program, Endpoint endpoint) {
    this.program = program;
    this.endpoint = endpoint;
    try {
      this.dir = Files.createTempDirectory("harness-" + program + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.log = dir.resolve(program + ".log");
  }

  /** Where the server answers DNS (UDP and TCP). */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The server's working directory (configuration, data, log). */
  public Path dir() {
    return dir;
  }

  public Path logFile() {
    return log;
  }

  /** Everything the server has written to stdout and stderr so far. */
  public String log() {
    return Processes.read(log);
  }

  /** Waits until the log contains {@code text}, e.g. to see that a transfer was an IXFR. */
  public void awaitLog(String text, Duration timeout) {
    Wait.until(timeout, () -> log().contains(text), () -> program + " never logged '" + text + "'" + logTail());
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating-system process id of the running server. */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException(program + " not started");
    }
    return process.pid();
  }

  /**
   * Kills the server at once with SIGKILL (no shutdown hooks, no cleanup: a crash) and waits, bounded,
   * until it is gone. {@link #close()} still cleans up afterwards.
   */
  public void kill9() {
    if (process == null) {
      throw new IllegalStateException(program + " not started");
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException(program + " still running 10 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + program + " to die", e);
    }
  }

  /** The SOA serial the server serves authoritatively for {@code zone}, or -1. */
  public long serial(String zone) {
    return DnsQuery.to(endpoint).timeout(Duration.ofMillis(500)).soaSerial(zone);
  }

  /** Waits until the server serves {@code zone} with exactly {@code serial}. */
  public void awaitSerial(String zone, long serial, Duration timeout) {
    Wait.until(
        timeout,
        () -> serial(zone) == serial,
        () -> program + " serves " + zone + " with serial " + serial(zone) + ", not " + serial + logTail());
  }

  /** Starts the server process; called once by the subclass. */
  protected final void launch(List<String> command, Map<String, String> env) {
    if (process != null) {
      throw new IllegalStateException(program + " already started");
    }
    process = Processes.start(command, dir, log, env);
  }

  /** Waits until the server answers a SOA query for {@code zone} at all (any RCODE). */
  protected final void awaitAnswering(String zone, Duration timeout) {
    Wait.until(timeout, () -> answers(zone), () -> program + " does not answer DNS on " + endpoint + logTail());
  }

  /** Waits until the server answers SOA of {@code zone} authoritatively (for a secondary: transferred). */
  protected final void awaitServing(String zone, Duration timeout) {
    Wait.until(
        timeout,
        () -> {
          checkAlive();
          return serial(zone) >= 0;
        },
        () -> program + " does not serve " + zone + " authoritatively" + logTail());
  }

  /** Waits until the log contains {@code text}, failing at once if the process exits meanwhile. */
  protected final void awaitLogWhileAlive(String text, Duration timeout) {
    Wait.until(
        timeout,
        () -> {
          checkAlive();
          return log().contains(text);
        },
        () -> program + " never logged '" + text + "'" + logTail());
  }

  /** The last lines of the log, for failure messages. */
  protected String logTail() {
    return "\n--- last lines of " + log + " ---\n" + Processes.tail(log(), 40);
  }

  @Override
  public void close() {
    if (process != null) {
      Processes.stop(process, STOP_GRACE);
    }
    if (!Boolean.getBoolean("harness.keep")) {
      deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return program + "@" + endpoint;
  }

  private boolean answers(String zone) {
    checkAlive();
    try {
      DnsQuery.to(endpoint).timeout(Duration.ofMillis(300)).send(DnsQuery.question(zone, Type.SOA));
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private void checkAlive() {
    if (!isAlive()) {
      throw new IllegalStateException(
          program + " exited with status " + process.exitValue() + " (dir " + dir + ")" + logTail());
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
