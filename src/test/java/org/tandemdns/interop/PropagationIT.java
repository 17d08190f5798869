package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.Remote;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;

/**
 * Propagation from a BIND primary to two secondaries side by side, Tandem and Knot, both NOTIFYed
 * by BIND and transferring with TSIG: 20 RFC 2136 updates, and for each the time from nsupdate
 * returning (the change is committed on BIND) to each secondary answering the new serial, polled
 * every ~2 ms. The medians and maxima are printed; there is no timing assertion (a shared machine),
 * only that every change arrives at both.
 */
class PropagationIT {

  static final String ZONE = "propagation.test";
  static final int CHANGES = 20;
  static final Duration ARRIVES = Duration.ofSeconds(10);

  @TempDir Path tmp;

  @Test
  void bindToTandemBesideBindToKnot() {
    TsigKey key = TsigKey.generate("xfr-key");
    TsigKey updateKey = TsigKey.generate("update-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    Path file = ZoneFiles.write(tmp.resolve("zones"), ZONE, 1, 3600, 600, 86400, fillers());
    PrimaryZone zone =
        PrimaryZone.of(ZONE, file)
            .allowTransfer(Acl.key(key))
            .allowUpdate(updateKey)
            .notifyTo(Remote.of(tandemAt, key))
            .notifyTo(Remote.of(knotAt, key));

    try (BindPeer bind = BindPeer.builder().primary(zone).start();
        KnotPeer knot = KnotPeer.builder().listen(knotAt).secondary(SecondaryZone.of(ZONE, bind.endpoint(), key)).start();
        TandemProcess tandem = startTandem(bind.endpoint(), tandemAt, key)) {
      List<Long> toTandem = new ArrayList<>();
      List<Long> toKnot = new ArrayList<>();
      DnsQuery tandemProbe = DnsQuery.to(tandem.endpoint()).timeout(Duration.ofMillis(200));
      DnsQuery knotProbe = DnsQuery.to(knot.endpoint()).timeout(Duration.ofMillis(200));
      for (int i = 1; i <= CHANGES; i++) {
        String script =
            "server " + bind.endpoint().host() + " " + bind.endpoint().port() + "\n"
                + "zone " + ZONE + ".\n"
                + "update add c" + i + "." + ZONE + ". 300 A 192.0.2." + i + "\n"
                + "send\n";
        DigRunner.nsupdate(script, "-y", updateKey.digArg()).requireOk();
        long committed = System.nanoTime();
        long serial = bind.serial(ZONE);
        assertThat(serial).isEqualTo(1 + i);
        long tandemAtNanos = -1;
        long knotAtNanos = -1;
        while (tandemAtNanos < 0 || knotAtNanos < 0) {
          assertThat(System.nanoTime() - committed).as("change " + i + " reaches both secondaries in time")
              .isLessThan(ARRIVES.toNanos());
          if (tandemAtNanos < 0 && tandemProbe.soaSerial(ZONE) == serial) {
            tandemAtNanos = System.nanoTime();
          }
          if (knotAtNanos < 0 && knotProbe.soaSerial(ZONE) == serial) {
            knotAtNanos = System.nanoTime();
          }
          LockSupport.parkNanos(2_000_000);
        }
        toTandem.add((tandemAtNanos - committed) / 1_000);
        toKnot.add((knotAtNanos - committed) / 1_000);
      }
      assertThat(Logs.lines(tandem, 0, "transfer in zone=" + ZONE + ".", "type=IXFR", "result=ok")).hasSizeGreaterThanOrEqualTo(1);
      assertThat(Axfr.records(tandem.endpoint(), ZONE, null))
          .isEqualTo(Axfr.records(bind.endpoint(), ZONE, key));
      System.out.printf("PropagationIT: BIND primary, %d updates, from nsupdate returning to the secondary serving the"
              + " new serial: Tandem median %.1f ms (max %.1f ms), Knot median %.1f ms (max %.1f ms)%n",
          CHANGES, ChainIT.median(toTandem) / 1000.0, ChainIT.max(toTandem) / 1000.0,
          ChainIT.median(toKnot) / 1000.0, ChainIT.max(toKnot) / 1000.0);
      System.out.println("PropagationIT: Tandem us " + toTandem + "; Knot us " + toKnot);
    }
  }

  private TandemProcess startTandem(Endpoint primary, Endpoint at, TsigKey key) {
    Path config =
        SecondaryYaml.server(at, tmp.resolve("data"))
            .key(key)
            .secondary(ZONE, List.of(primary + " key " + key.name()), "notify-ns: false", "allow-transfer: [\"127.0.0.1\"]")
            .write(tmp.resolve("tandem.yaml"));
    return TandemProcess.builder().config(config, at).awaitZone(ZONE).start();
  }

  /** 100 records, so that BIND answers one added record as IXFR (max-ixfr-ratio). */
  private static String[] fillers() {
    String[] lines = new String[100];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "h" + i + " IN A 198.51.100." + (i + 1);
    }
    return lines;
  }
}
