package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.NsdPeer;
import org.tandemdns.testing.PeerBuilder;
import org.tandemdns.testing.PeerProcess;
import org.tandemdns.testing.PowerDnsPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.Remote;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestZones;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Tandem as a secondary of real BIND, Knot, NSD and PowerDNS (bind backend) primaries: TSIG on
 * every transfer and NOTIFY, the initial AXFR, then one change on the primary (RFC 2136 UPDATE for
 * BIND, a zone-file edit and reload for the others) that reaches Tandem by NOTIFY and, where the
 * primary serves it, IXFR. The zone Tandem serves afterwards is compared, record for record, with
 * an AXFR from the primary.
 *
 * <p>The zone's SOA REFRESH is an hour, so only the NOTIFY can bring the change within the test's
 * wait.
 */
class TandemSecondaryInteropIT {

  static final String ZONE = "interop.test";
  static final Duration CHANGE_ARRIVES = Duration.ofSeconds(15);

  /**
   * v1: the base zone, 40 filler records (so that the change is small next to the zone: BIND
   * answers IXFR with AXFR-style when the delta exceeds max-ixfr-ratio, 100% by default), and two
   * records that v2 deletes or changes.
   */
  static final String[] V1 = withFiller("old IN TXT \"v1\"", "mail IN A 192.0.2.10");
  /** v2: "old" gone, "mail" changed, "added" new. */
  static final String[] V2 = withFiller("mail IN A 192.0.2.11", "added IN A 192.0.2.2");

  @TempDir Path tmp;

  static String[] withFiller(String... records) {
    List<String> all = new ArrayList<>(List.of(records));
    for (int i = 1; i <= 40; i++) {
      all.add("h" + i + " IN A 198.51.100." + i);
    }
    return all.toArray(String[]::new);
  }

  private final TsigKey key = TsigKey.generate("xfr-key");

  /** How the primary's transfer of the change shows in Tandem's log. */
  enum ChangeArrives {
    /** an incremental IXFR answer (RFC 1995 §4) */
    AS_IXFR,
    /** the IXFR request answered with the whole zone (RFC 1995 §4, "AXFR-style") */
    AS_AXFR_STYLE_IXFR
  }

  @Test
  void bindPrimaryChangedByUpdate() {
    TsigKey updateKey = TsigKey.generate("update-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    Path file = TestZones.write(tmp.resolve("zones"), ZONE, 1, V1);
    PrimaryZone zone = primaryZone(file, tandemAt).allowUpdate(updateKey);
    try (BindPeer bind = BindPeer.builder().primary(zone).start();
        TandemProcess tandem = startTandem(bind, tandemAt)) {
      assertInitialTransfer(bind, tandem);

      int mark = Logs.mark(tandem);
      String script =
          "server " + bind.endpoint().host() + " " + bind.endpoint().port() + "\n"
              + "zone " + ZONE + ".\n"
              + "update delete old." + ZONE + ". TXT\n"
              + "update delete mail." + ZONE + ". A 192.0.2.10\n"
              + "update add mail." + ZONE + ". 300 A 192.0.2.11\n"
              + "update add added." + ZONE + ". 300 A 192.0.2.2\n"
              + "send\n";
      DigRunner.nsupdate(script, "-y", updateKey.digArg()).requireOk();
      assertThat(bind.serial(ZONE)).isEqualTo(2);

      assertChangeArrives(bind, tandem, mark, ChangeArrives.AS_IXFR, "serial=2");
      assertThat(Logs.lines(bind, 0, "transfer of '" + ZONE + "/IN': IXFR started: TSIG " + key.name())).hasSize(1);
      assertThat(bind.log()).doesNotContain("AXFR-style IXFR");
      assertNotifyAccessControl(tandem);
    }
  }

  @Test
  void knotPrimaryChangedByZoneFileReload() {
    fileEditScenario(KnotPeer::builder, ChangeArrives.AS_IXFR, "serial=2");
  }

  @Test
  void nsdPrimaryChangedByZoneFileReload() {
    fileEditScenario(NsdPeer::builder, ChangeArrives.AS_AXFR_STYLE_IXFR, "serial=2");
  }

  @Test
  void powerDnsPrimaryChangedByZoneFileReload() {
    // PowerDNS sends its NOTIFY without the new SOA (optional, RFC 1996 §3.7)
    fileEditScenario(PowerDnsPeer::builder, ChangeArrives.AS_AXFR_STYLE_IXFR, "serial=-");
  }

  private <P extends PeerProcess> void fileEditScenario(Supplier<PeerBuilder<P>> builder, ChangeArrives expected,
      String notifySerial) {
    Endpoint tandemAt = Endpoint.freeLoopback();
    Path file = TestZones.write(tmp.resolve("zones"), ZONE, 1, V1);
    try (P primary = builder.get().primary(primaryZone(file, tandemAt)).start();
        TandemProcess tandem = startTandem(primary, tandemAt)) {
      assertInitialTransfer(primary, tandem);

      int mark = Logs.mark(tandem);
      TestZones.write(tmp.resolve("zones"), ZONE, 2, V2);
      primary.reload();
      primary.awaitSerial(ZONE, 2, Duration.ofSeconds(10));

      assertChangeArrives(primary, tandem, mark, expected, notifySerial);
    }
  }

  private PrimaryZone primaryZone(Path file, Endpoint tandemAt) {
    return PrimaryZone.of(ZONE, file).allowTransfer(Acl.key(key)).notifyTo(Remote.of(tandemAt, key));
  }

  private TandemProcess startTandem(PeerProcess primary, Endpoint at) {
    Path config =
        SecondaryYaml.server(at, tmp.resolve("tandem-data"))
            .key(key)
            .secondary(ZONE, List.of(primary.endpoint() + " key " + key.name()),
                "notify-ns: false", "allow-transfer: [\"127.0.0.1\"]")
            .write(tmp.resolve("tandem.yaml"));
    return TandemProcess.builder().config(config, at).awaitZone(ZONE).start();
  }

  private void assertInitialTransfer(PeerProcess primary, TandemProcess tandem) {
    String[] transferLine = {"transfer in zone=" + ZONE + ".", "type=AXFR", "from=" + primary.endpoint(),
        "key=" + key.name() + ".", "serial=none->1", "result=ok"};
    // the zone is served from the swap; the transfer's log line follows it
    Logs.await(tandem, 0, Duration.ofSeconds(2), transferLine);
    assertThat(Logs.lines(tandem, 0, transferLine)).hasSize(1);
    Message www = DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("www." + ZONE, Type.A));
    assertThat(www.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(www.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(www.getSection(Section.ANSWER)).singleElement()
        .satisfies(r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.1"));
    assertThat(Axfr.records(tandem.endpoint(), ZONE, null)).isEqualTo(Axfr.records(primary.endpoint(), ZONE, key));
  }

  private void assertChangeArrives(PeerProcess primary, TandemProcess tandem, int mark, ChangeArrives expected,
      String notifySerial) {
    tandem.awaitSerial(ZONE, 2, CHANGE_ARRIVES);
    String notify = Logs.await(tandem, mark, Duration.ofSeconds(2), "notify in zone=" + ZONE + ".", notifySerial,
        "key " + key.name() + ".", "result=refresh scheduled");
    assertThat(notify).contains("from=127.0.0.1:");
    String transfer = Logs.await(tandem, mark, Duration.ofSeconds(2), "transfer in zone=" + ZONE + ".",
        "from=" + primary.endpoint(), "key=" + key.name() + ".", "serial=1->2", "result=ok");
    // Tandem asks for IXFR whenever it holds a version (RFC 1995); the primary chooses the answer's form
    assertThat(transfer).contains("type=IXFR");
    String refresh = Logs.await(tandem, mark, Duration.ofSeconds(2), "zone " + ZONE + ".: refresh ok:");
    switch (expected) {
      case AS_IXFR -> {
        assertThat(refresh).contains("IXFR from " + primary.endpoint());
        // the incremental answer: SOA 2, SOA 1, 2 deleted, SOA 2, 2 added, SOA 2
        assertThat(transfer).contains("records=8 ");
      }
      case AS_AXFR_STYLE_IXFR -> {
        assertThat(refresh).contains("AXFR from " + primary.endpoint());
        // the whole of v2, its SOA twice
        assertThat(transfer).contains("records=" + (Axfr.records(primary.endpoint(), ZONE, key).size() + 1) + " ");
      }
    }
    assertThat(Axfr.records(tandem.endpoint(), ZONE, null)).isEqualTo(Axfr.records(primary.endpoint(), ZONE, key));
    Message added = DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("added." + ZONE, Type.A));
    assertThat(added.getSection(Section.ANSWER)).hasSize(1);
    Message old = DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("old." + ZONE, Type.TXT));
    assertThat(old.getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  /**
   * allow-notify defaults to the primaries' addresses with their keys: a NOTIFY signed with the key
   * from 127.0.0.1 is answered NOERROR with AA (and signed); unsigned, or from another address, it
   * is REFUSED and logged (RFC 1996 §3.10, §4.7).
   */
  private void assertNotifyAccessControl(TandemProcess tandem) {
    int mark = Logs.mark(tandem);
    Message signed = NotifyMessage.send(NotifyMessage.of(ZONE, 2), tandem.endpoint(), "127.0.0.1", key);
    assertThat(signed.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(signed.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(signed.getTSIG()).as("the answer to a signed NOTIFY is signed").isNotNull();
    assertThat(signed.isVerified()).isTrue();
    Logs.await(tandem, mark, Duration.ofSeconds(2), "notify in zone=" + ZONE + ".", "serial=2", "result=ignored");

    Message unsignedElsewhere = NotifyMessage.send(NotifyMessage.of(ZONE, 3), tandem.endpoint(), "127.0.0.2", null);
    assertThat(unsignedElsewhere.getRcode()).isEqualTo(Rcode.REFUSED);
    Logs.await(tandem, mark, Duration.ofSeconds(2), "notify in zone=" + ZONE + ".", "from=127.0.0.2:", "key=-",
        "result=REFUSED");

    Message unsignedFromPrimary = NotifyMessage.send(NotifyMessage.of(ZONE, 3), tandem.endpoint(), "127.0.0.1", null);
    assertThat(unsignedFromPrimary.getRcode()).as("the primary's key is required").isEqualTo(Rcode.REFUSED);

    Message signedElsewhere = NotifyMessage.send(NotifyMessage.of(ZONE, 3), tandem.endpoint(), "127.0.0.2", key);
    assertThat(signedElsewhere.getRcode()).as("the primary's address is required").isEqualTo(Rcode.REFUSED);

    assertThat(Logs.lines(tandem, mark, "notify in zone=" + ZONE + ".", "result=REFUSED")).hasSize(3);
    assertThat(Logs.lines(tandem, mark, "transfer in zone=")).as("no refused NOTIFY started a transfer").isEmpty();
    assertThat(tandem.serial(ZONE)).isEqualTo(2);
  }
}
