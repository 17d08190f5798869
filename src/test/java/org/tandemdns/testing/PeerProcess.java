package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A third-party DNS server (Knot, BIND, NSD, PowerDNS) started on 127.0.0.1 and an ephemeral port,
 * with a configuration it generates from a {@link PeerSpec}.
 *
 * <p>Zone files of primary zones are copied into the peer's directory, so the peer never writes to
 * the caller's files; {@link #reload()} copies them again and asks the daemon to reload them.
 */
public abstract class PeerProcess extends ServerProcess {

  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(15);

  protected final PeerSpec spec;

  protected PeerProcess(String program, PeerSpec spec) {
    super(program, spec.listen().orElseGet(Endpoint::freeLoopback));
    this.spec = spec;
  }

  /** Checks requirements, writes the configuration and returns the command that runs the daemon. */
  protected abstract List<String> prepare() throws IOException;

  /** Asks the running daemon to reload its primary zone files (already copied again). */
  protected abstract void reloadZones();

  /** Environment variables for the daemon, on top of the test's own. */
  protected Map<String, String> environment() {
    return Map.of();
  }

  /** Called once the daemon answers DNS, before zones are awaited; for extra readiness checks. */
  protected void awaitExtraReadiness(Duration timeout) {}

  final void start() {
    try {
      copyZoneFiles();
      launch(prepare(), environment());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + this + " in " + dir(), e);
    }
    long started = System.nanoTime();
    List<String> zones = spec.origins();
    awaitAnswering(zones.isEmpty() ? "example" : zones.get(0), remaining(started));
    awaitExtraReadiness(remaining(started));
    if (spec.awaitZones()) {
      for (String zone : zones) {
        awaitServing(zone, remaining(started));
      }
    }
  }

  /** Copies every primary zone file again and makes the daemon reload them. */
  public void reload() {
    try {
      copyZoneFiles();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reloadZones();
  }

  /** Where the copy of a primary zone's file lives. */
  protected Path zoneFile(PrimaryZone zone) {
    return dir().resolve(zone.origin() + ".zone");
  }

  /** Where a secondary zone is stored. */
  protected Path zoneFile(SecondaryZone zone) {
    return dir().resolve(zone.origin() + ".secondary.zone");
  }

  /** Runs a control command (knotc, rndc, ...) and fails with its output if it fails. */
  protected CommandResult control(List<String> command) {
    return Processes.run(command, "", CONTROL_TIMEOUT).requireOk();
  }

  private void copyZoneFiles() throws IOException {
    for (PrimaryZone zone : spec.primaries()) {
      Path target = zoneFile(zone);
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.copy(zone.file(), tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private Duration remaining(long startNanos) {
    Duration left = spec.readyTimeout().minusNanos(System.nanoTime() - startNanos);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
