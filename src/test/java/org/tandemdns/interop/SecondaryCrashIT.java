package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestZones;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * kill -9 during inbound transfers of a 300,000-record zone from Knot, then a restart: Tandem
 * serves exactly the version it had before (or exactly the new one, if the commit completed before
 * the kill), never a mix, checked by AXFR from Tandem against both versions record for record; and
 * it then completes the refresh.
 *
 * <ol>
 *   <li>the first transfer ever (v1), killed while the records stream in: after the restart the
 *       zone is not served, or is v1 whole;
 *   <li>v2 (every address changed) over v1, from a Knot restarted without history (so the IXFR
 *       request is answered with the whole zone, AXFR-style), killed while the records stream in;
 *   <li>the restarted Tandem refreshes at once: killed the moment it logs the transfer as received
 *       (it is then building, persisting and swapping the new version).
 * </ol>
 */
class SecondaryCrashIT {

  static final String ZONE = "big.test";
  static final String READY = "ready.test";
  static final int RECORDS = 300_000;
  static final Duration TRANSFER = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private final TsigKey key = TsigKey.generate("xfr-key");
  private final Endpoint knotAt = Endpoint.freeLoopback();
  private final Endpoint tandemAt = Endpoint.freeLoopback();
  private Path config;
  private KnotPeer knot;
  private TandemProcess tandem;

  @AfterEach
  void stopAll() {
    if (tandem != null) {
      tandem.close();
    }
    if (knot != null) {
      knot.close();
    }
  }

  @Test
  void aKillDuringAnInboundTransferLeavesOneWholeVersion() {
    Set<String> v1 = zoneText(1);
    Set<String> v2 = zoneText(2);
    config =
        SecondaryYaml.server(tandemAt, tmp.resolve("data"))
            .key(key)
            .secondary(ZONE, List.of(knotAt + " key " + key.name()), "notify-ns: false",
                "allow-transfer: [\"127.0.0.1\"]")
            .primary(READY, TestZones.write(tmp.resolve("zones"), READY, 1))
            .write(tmp.resolve("tandem.yaml"));

    // 1. the first transfer, killed mid-stream
    knot = startKnot(1);
    int knotMark = Logs.mark(knot);
    tandem = startTandem();
    killWhenKnotHasSentFor(knotMark, Duration.ofMillis(250));
    restartAfterKill();
    String afterFirstKill = servedVersion(v1, v2, true);
    System.out.println("SecondaryCrashIT: first transfer killed mid-stream; after the restart: " + afterFirstKill);
    tandem.awaitSerial(ZONE, 1, TRANSFER);
    assertThat(served()).isEqualTo(v1);

    // 2. v2 over v1, killed mid-stream
    knot.close();
    knot = startKnot(2);
    knotMark = Logs.mark(knot);
    notifyTandem(2);
    killWhenKnotHasSentFor(knotMark, Duration.ofMillis(250));
    restartAfterKill();
    String afterSecondKill = servedVersion(v1, v2, false);
    System.out.println("SecondaryCrashIT: v1 -> v2 killed mid-stream; after the restart: " + afterSecondKill);

    // 3. the restarted Tandem refreshes at once; killed the moment it logs the transfer as received
    if (afterSecondKill.equals("v1")) {
      Logs.await(tandem, 0, TRANSFER, "transfer in zone=" + ZONE + ".", "serial=1->2", "result=ok");
      tandem.kill9();
      boolean commitLogged = tandem.log().contains("committed serial 1 -> 2");
      restartAfterKill();
      String afterThirdKill = servedVersion(v1, v2, false);
      System.out.println("SecondaryCrashIT: v1 -> v2 killed once received (" + (commitLogged ? "" : "no ")
          + "commit logged before the kill); after the restart: " + afterThirdKill);
      if (!commitLogged) {
        assertThat(afterThirdKill).as("nothing was committed before the kill").isEqualTo("v1");
      }
    }

    // the refresh completes after the restart (refresh at start-up)
    tandem.awaitSerial(ZONE, 2, TRANSFER);
    assertThat(served()).isEqualTo(v2);
  }

  /** Waits until Knot logs an outgoing transfer, then another {@code delay}, then kills Tandem. */
  private void killWhenKnotHasSentFor(int knotMark, Duration delay) {
    Wait.until(TRANSFER, () -> !Logs.lines(knot, knotMark, ZONE, "outgoing", "started").isEmpty(),
        () -> "Knot never started a transfer\n" + Logs.since(knot, knotMark) + Logs.since(tandem, 0));
    sleep(delay);
    tandem.kill9();
  }

  private void restartAfterKill() {
    assertThat(tandem.isAlive()).isFalse();
    tandem.close();
    tandem = null;
    tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(READY).readyTimeout(TRANSFER).start();
  }

  /**
   * What Tandem serves right after a restart: "v1" or "v2" when the zone is the one or the other
   * record for record, "nothing" when it is not served (allowed only if {@code nothingAllowed});
   * anything else fails the test.
   */
  private String servedVersion(Set<String> v1, Set<String> v2, boolean nothingAllowed) {
    long serial = tandem.serial(ZONE);
    if (serial < 0) {
      Message soa = DnsQuery.to(tandem.endpoint()).send(DnsQuery.question(ZONE, Type.SOA));
      assertThat(nothingAllowed).as("the zone is not served after the restart: " + soa).isTrue();
      return "nothing";
    }
    Set<String> served = served();
    if (served.equals(v1)) {
      return "v1";
    }
    assertThat(served).as("served after the restart (serial %d): must be v1 or v2 whole; %d records", serial, served.size())
        .isEqualTo(v2);
    return "v2";
  }

  private Set<String> served() {
    return Axfr.records(tandem.endpoint(), ZONE, null, TRANSFER);
  }

  private TandemProcess startTandem() {
    return TandemProcess.builder().config(config, tandemAt).awaitZone(READY).readyTimeout(TRANSFER).start();
  }

  private KnotPeer startKnot(long version) {
    Path file = writeZone(version);
    return KnotPeer.builder().listen(knotAt).readyTimeout(TRANSFER)
        .primary(PrimaryZone.of(ZONE, file).allowTransfer(Acl.key(key))).start();
  }

  private void notifyTandem(long serial) {
    NotifyMessage.send(NotifyMessage.of(ZONE, serial), tandemAt, "127.0.0.1", key);
  }

  /** Version 1: r0..r299999 A 10.a.b.c; version 2: the same names, every address in 10.128.0.0/9. */
  private Path writeZone(long version) {
    Path file = tmp.resolve("zones").resolve(ZONE + "." + version + ".zone");
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        w.write("$ORIGIN " + ZONE + ".\n$TTL 300\n@ IN SOA ns1 hostmaster " + version + " 3600 600 86400 300\n"
            + "@ IN NS ns1\nns1 IN A 127.0.0.1\n");
        for (int i = 0; i < RECORDS; i++) {
          w.write("r" + i + " IN A " + address(version, i) + "\n");
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The zone of {@link #writeZone} in presentation format, as {@link Axfr#records} returns it. */
  private static Set<String> zoneText(long version) {
    try {
      Name origin = Name.fromString(ZONE + ".");
      Name ns1 = Name.fromString("ns1", origin);
      Set<String> text = new HashSet<>(RECORDS * 2);
      text.add(new SOARecord(origin, DClass.IN, 300, ns1, Name.fromString("hostmaster", origin), version, 3600, 600, 86400, 300)
          .toString());
      text.add(new NSRecord(origin, DClass.IN, 300, ns1).toString());
      text.add(new ARecord(ns1, DClass.IN, 300, InetAddress.getByName("127.0.0.1")).toString());
      for (int i = 0; i < RECORDS; i++) {
        text.add(new ARecord(Name.fromString("r" + i, origin), DClass.IN, 300, InetAddress.getByName(address(version, i)))
            .toString());
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String address(long version, int i) {
    int second = (i >> 16 & 127) + (version == 1 ? 0 : 128);
    return "10." + second + "." + (i >> 8 & 255) + "." + (i & 255);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
