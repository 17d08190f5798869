package org.tandemdns.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tandem itself as a child process: {@code java -jar <jar> serve ...}, where the jar is the
 * environment variable {@code TANDEM_JAR} (set by failsafe) or else {@code target/tandem.jar}.
 * Output goes to {@link #logFile()}; start() waits until a zone is served; close() sends SIGTERM.
 *
 * <pre>{@code
 * try (TandemProcess tandem = TandemProcess.builder().zone("example.com", zoneFile).start()) {
 *   DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("example.com", Type.SOA));
 * }
 * // with a config file, whose server.listen must be the endpoint given here:
 * TandemProcess.builder().config(yaml, endpoint).awaitZone("example.com").start();
 * }</pre>
 */
public final class TandemProcess extends ServerProcess {

  private TandemProcess(Endpoint endpoint) {
    super("tandem", endpoint);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sends SIGHUP: Tandem re-reads every zone file and commits what changed. Returns at once. */
  public void sighup() {
    Signals.send(pid(), "HUP");
  }

  /** The jar to run: {@code $TANDEM_JAR}, else {@code target/tandem.jar}; fails if it does not exist. */
  public static Path jar() {
    String configured = System.getenv("TANDEM_JAR");
    Path jar = Path.of(configured == null || configured.isBlank() ? "target/tandem.jar" : configured);
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(
          "Tandem jar not found at " + jar.toAbsolutePath() + "; build it with ./mvnw -DskipTests package"
              + " (failsafe sets TANDEM_JAR)");
    }
    return jar.toAbsolutePath();
  }

  /** Collects the command line of {@code tandem serve}. */
  public static final class Builder {

    private final List<String> zoneArgs = new ArrayList<>();
    private final List<String> awaitZones = new ArrayList<>();
    private final List<String> extraArgs = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    private Path config;
    private Endpoint listen;
    private Duration readyTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** Serves {@code file} as zone {@code origin} ({@code --zone ORIGIN=FILE}); also awaited at start. */
    public Builder zone(String origin, Path file) {
      zoneArgs.add("--zone");
      zoneArgs.add(Names.relative(origin) + "=" + file.toAbsolutePath());
      awaitZones.add(Names.relative(origin));
      return this;
    }

    /**
     * Runs {@code serve --config FILE} instead of {@code --listen/--zone}; {@code listen} must be the
     * address the file makes Tandem listen on.
     */
    public Builder config(Path file, Endpoint listenAddress) {
      this.config = file.toAbsolutePath();
      this.listen = listenAddress;
      return this;
    }

    /** Listens on {@code endpoint} (default: a free loopback port). Ignored with a config file. */
    public Builder listen(Endpoint endpoint) {
      this.listen = endpoint;
      return this;
    }

    /** start() also waits until {@code origin} is served (for zones from a config file). */
    public Builder awaitZone(String origin) {
      awaitZones.add(Names.relative(origin));
      return this;
    }

    /** Extra arguments after {@code serve}. */
    public Builder args(String... args) {
      extraArgs.addAll(List.of(args));
      return this;
    }

    /** Extra JVM options (default {@code -Xmx256m -XX:TieredStopAtLevel=1}). */
    public Builder jvmArgs(String... args) {
      jvmArgs.addAll(List.of(args));
      return this;
    }

    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** Starts Tandem and waits until it serves every awaited zone; stops it again on failure. */
    public TandemProcess start() {
      if (awaitZones.isEmpty()) {
        throw new IllegalStateException("nothing to wait for: add a zone() or awaitZone()");
      }
      TandemProcess tandem = new TandemProcess(listen != null ? listen : Endpoint.freeLoopback());
      try {
        tandem.launch(command(tandem.endpoint()), Map.of());
        long started = System.nanoTime();
        // its own listener first: an answer from another server on a port given out twice is not Tandem's
        tandem.awaitLogWhileAlive(":" + tandem.endpoint().port() + " (UDP and TCP", readyTimeout);
        for (String zone : awaitZones) {
          Duration left = readyTimeout.minusNanos(System.nanoTime() - started);
          tandem.awaitServing(zone, left.isNegative() ? Duration.ZERO : left);
        }
        if (extraArgs.contains("--api-listen")) {
          // zones answer before the HTTP API listens (it starts right after them): a CLI call at once raced it
          Duration left = readyTimeout.minusNanos(System.nanoTime() - started);
          tandem.awaitLogWhileAlive("HTTP API listening on http://", left.isNegative() ? Duration.ZERO : left);
        }
        return tandem;
      } catch (RuntimeException | Error e) {
        tandem.close();
        throw e;
      }
    }

    private List<String> command(Endpoint endpoint) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.add("-jar");
      command.add(jar().toString());
      command.add("serve");
      if (config != null) {
        command.add("--config");
        command.add(config.toString());
      } else {
        command.add("--listen");
        command.add(endpoint.toString());
        command.addAll(zoneArgs);
      }
      command.addAll(extraArgs);
      return command;
    }
  }
}
