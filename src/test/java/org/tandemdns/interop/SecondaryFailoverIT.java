package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.Remote;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;

/**
 * Two primaries (two Knots serving the same zone, both NOTIFYing Tandem): Tandem tries them in
 * order, transfers from the second while the first is down, keeps using the one that worked even
 * once the first is back (and across a restart: the last good primary is persisted), and moves to
 * the other when that one goes down.
 */
class SecondaryFailoverIT {

  static final String ZONE = "failover.test";
  static final Duration ARRIVES = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private final TsigKey key = TsigKey.generate("xfr-key");
  private final Endpoint firstAt = Endpoint.freeLoopback();
  private final Endpoint secondAt = Endpoint.freeLoopback();
  private final Endpoint tandemAt = Endpoint.freeLoopback();
  private KnotPeer first;
  private KnotPeer second;
  private TandemProcess tandem;

  @AfterEach
  void stopAll() {
    for (AutoCloseable c : new AutoCloseable[] {tandem, first, second}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort; each close is bounded
        }
      }
    }
  }

  @Test
  void transfersFromTheSecondPrimaryWhileTheFirstIsDownAndRemembersIt() {
    Path file = zone(1);
    Path config =
        SecondaryYaml.server(tandemAt, tmp.resolve("data"))
            .key(key)
            .secondary(ZONE, List.of(firstAt + " key " + key.name(), secondAt + " key " + key.name()),
                "notify-ns: false", "timers: {refresh-min: 1s, retry-min: 1s}")
            .write(tmp.resolve("tandem.yaml"));

    // the first primary is down: the first transfer comes from the second
    second = knot(secondAt, file);
    tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).start();
    assertThat(Logs.lines(tandem, 0, "transfer in zone=" + ZONE + ".", "type=AXFR", "from=" + secondAt, "result=ok")).hasSize(1);
    assertThat(Logs.lines(tandem, 0, "transfer in", "from=" + firstAt)).isEmpty();
    Logs.await(tandem, 0, ARRIVES, "zone " + ZONE + ".: refresh ok: AXFR from " + secondAt);

    // the first is back; both change and NOTIFY: the change still comes from the second, the remembered one
    first = knot(firstAt, file);
    int mark = Logs.mark(tandem);
    changeTo(2, first, second);
    tandem.awaitSerial(ZONE, 2, ARRIVES);
    assertTransferredFrom(secondAt, mark, 1, 2);
    assertThat(Logs.lines(tandem, mark, "notify in zone=" + ZONE + ".", "serial=2")).hasSizeGreaterThanOrEqualTo(1);

    // across a restart too: the last good primary is persisted
    tandem.close();
    tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).start();
    mark = Logs.mark(tandem);
    changeTo(3, first, second);
    tandem.awaitSerial(ZONE, 3, ARRIVES);
    assertTransferredFrom(secondAt, mark, 2, 3);

    // the remembered one goes down: the next change comes from the first
    second.close();
    second = null;
    mark = Logs.mark(tandem);
    changeTo(4, first);
    tandem.awaitSerial(ZONE, 4, ARRIVES);
    assertTransferredFrom(firstAt, mark, 3, 4);
    Logs.await(tandem, mark, ARRIVES, "zone " + ZONE + ".: refresh ok: IXFR from " + firstAt);
  }

  private void assertTransferredFrom(Endpoint primary, int mark, long from, long to) {
    Logs.await(tandem, mark, ARRIVES, "transfer in zone=" + ZONE + ".", "type=IXFR", "from=" + primary,
        "serial=" + from + "->" + to, "result=ok");
    assertThat(Logs.lines(tandem, mark, "transfer in zone=")).as("every transfer since the change")
        .allSatisfy(l -> assertThat(l).contains("from=" + primary));
  }

  private void changeTo(long serial, KnotPeer... primaries) {
    zone(serial);
    for (KnotPeer p : primaries) {
      p.reload();
      p.awaitSerial(ZONE, serial, ARRIVES);
    }
  }

  private Path zone(long serial) {
    return ZoneFiles.write(tmp.resolve("zones"), ZONE, serial, 3600, 1, 86400, "v IN TXT \"v" + serial + "\"");
  }

  private KnotPeer knot(Endpoint at, Path file) {
    PrimaryZone zone = PrimaryZone.of(ZONE, file).allowTransfer(Acl.key(key)).notifyTo(Remote.of(tandemAt, key));
    return KnotPeer.builder().listen(at).primary(zone).start();
  }
}
