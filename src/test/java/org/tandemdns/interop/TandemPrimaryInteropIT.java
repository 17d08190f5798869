package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.NsdPeer;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.ServerProcess;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Transfers;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * Tandem as the primary of real secondaries (issue 3): BIND 9.18, Knot 3.2 and NSD 4.6 transfer a
 * zone from a Tandem started from the packaged jar, follow its changes (zone file edited, SIGHUP)
 * through NOTIFY and IXFR, with TSIG (one key per secondary, so Tandem's log tells which secondary
 * made which transfer) and without TSIG (allowed by address). Transfers without the key or with a
 * wrong key are refused; {@code dig}/{@code kdig} output is checked record by record against the
 * zone files, parsed independently by dnsjava.
 *
 * <p>Evidence that a secondary used IXFR: Knot logs "IXFR, incoming"; BIND, run at debug level 3,
 * logs "got incremental response"; NSD 4.6 logs the same line for AXFR and IXFR ("received update
 * to serial N"), so for NSD the evidence is Tandem's log line for the transfer signed with NSD's
 * key: type=IXFR, serial=old->new, the diff's record count, no fallback.
 */
class TandemPrimaryInteropIT {

  private static final String ZONE = "primary.test";
  private static final Duration PROPAGATION = Duration.ofSeconds(20);
  private static final Duration XFR_TIMEOUT = Duration.ofSeconds(10);
  private static final int TIMED_CHANGES = 12;

  @TempDir Path tmp;

  /** Serial 1: a few records of common types, one RRset of two records. */
  static ZoneVersion version1() {
    return ZoneVersion.of(ZONE, 1)
        .put("ns", "@ 300 IN NS ns1")
        .put("ns1", "ns1 300 IN A 127.0.0.1")
        .put("www", "www 300 IN A 192.0.2.1")
        .put("mx", "@ 300 IN MX 10 mail")
        .put("mail", "mail 300 IN A 192.0.2.25")
        .put("txt", "txt 300 IN TXT \"version one\"")
        .put("old", "old 300 IN A 192.0.2.66")
        .put("ttl", "ttl 300 IN A 192.0.2.7")
        .put("multi1", "multi 300 IN A 192.0.2.31")
        .put("multi2", "multi 300 IN A 192.0.2.32");
  }

  /** Serial 2: one record modified, three added (a new name with A and AAAA), one name deleted, a TTL changed, one member of an RRset replaced. */
  static ZoneVersion version2(ZoneVersion v1) {
    return v1.withSerial(2)
        .put("www", "www 300 IN A 192.0.2.2")
        .put("new", "new 300 IN A 192.0.2.9")
        .put("new6", "new 300 IN AAAA 2001:db8::9")
        .remove("old")
        .put("ttl", "ttl 600 IN A 192.0.2.7")
        .remove("multi2")
        .put("multi3", "multi 300 IN A 192.0.2.33");
  }

  /** Serial 3: a TXT modified, an AAAA deleted, a CNAME added. */
  static ZoneVersion version3(ZoneVersion v2) {
    return v2.withSerial(3)
        .put("txt", "txt 300 IN TXT \"version three\"")
        .remove("new6")
        .put("chain", "chain 300 IN CNAME www");
  }

  @Test
  void secondariesWithTsigGetTheZoneThenEveryChangeByIxfr() {
    TsigKey bindKey = TsigKey.generate("bind-key");
    TsigKey knotKey = TsigKey.generate("knot-key");
    TsigKey nsdKey = TsigKey.generate("nsd-key");
    TsigKey opsKey = TsigKey.generate("ops-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    Endpoint nsdAt = Endpoint.freeLoopback();
    Path zoneFile = tmp.resolve(ZONE + ".zone");
    ZoneVersion v1 = version1();
    v1.writeTo(zoneFile);
    TandemYaml yaml = TandemYaml.primary(ZONE, zoneFile).listen(tandemAt).dataDir(tmp.resolve("data"));
    for (TsigKey k : List.of(bindKey, knotKey, nsdKey, opsKey)) {
      yaml.key(k).allowTransfer("127.0.0.1 key " + k.name());
    }
    yaml.notify(bindAt + " key bind-key").notify(knotAt + " key knot-key").notify(nsdAt + " key nsd-key");
    Path config = yaml.writeTo(tmp.resolve("tandem.yaml"));

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).start();
        BindPeer bind = BindPeer.debugBuilder(3).listen(bindAt).secondary(secondary(tandemAt, bindKey)).start();
        KnotPeer knot = KnotPeer.builder().listen(knotAt).secondary(secondary(tandemAt, knotKey)).start();
        NsdPeer nsd = NsdPeer.builder().listen(nsdAt).secondary(secondary(tandemAt, nsdKey)).start()) {
      List<ServerProcess> secondaries = List.of(bind, knot, nsd);

      List<TsigKey> secondaryKeys = List.of(bindKey, knotKey, nsdKey);
      assertInitialAxfr(tandem, secondaries, secondaryKeys, v1);

      ZoneVersion v2 = version2(v1);
      changeAndAwait(tandem, zoneFile, v2, secondaries);
      for (ServerProcess s : secondaries) {
        assertThat(aRecord(s, "www")).as("%s www after change 1", s).isEqualTo("192.0.2.2");
        assertThat(rcode(s, "old", Type.A)).as("%s old after change 1", s).isEqualTo(Rcode.NXDOMAIN);
        assertThat(aRecord(s, "new")).as("%s new after change 1", s).isEqualTo("192.0.2.9");
      }
      assertIxfrOut(tandem, secondaryKeys, v1, v2);

      ZoneVersion v3 = version3(v2);
      changeAndAwait(tandem, zoneFile, v3, secondaries);
      assertIxfrOut(tandem, secondaryKeys, v2, v3);
      assertPeersLoggedTwoIncrementalTransfers(bind, knot, nsd, tandemAt);
      assertHoldExactly(secondaries, v3);

      // dig AXFR and kdig IXFR against Tandem, text output checked record by record
      TransferOutput.assertDigAxfr(tandemAt, opsKey, v3);
      TransferOutput.assertKdigIxfr(tandemAt, opsKey, v1, v3);
      TransferOutput.assertKdigIxfr(tandemAt, opsKey, v2, v3);
      TransferOutput.assertKdigIxfrUpToDate(tandemAt, opsKey, v3);
    }
  }

  @Test
  void secondariesWithoutTsigTransferWhenTheAclAllowsTheirAddress() {
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    Endpoint nsdAt = Endpoint.freeLoopback();
    Path zoneFile = tmp.resolve(ZONE + ".zone");
    ZoneVersion v1 = version1();
    v1.writeTo(zoneFile);
    Path config = TandemYaml.primary(ZONE, zoneFile).listen(tandemAt).dataDir(tmp.resolve("data"))
        .allowTransfer("127.0.0.1")
        .notify(bindAt.toString()).notify(knotAt.toString()).notify(nsdAt.toString())
        .writeTo(tmp.resolve("tandem.yaml"));

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).start();
        BindPeer bind = BindPeer.debugBuilder(3).listen(bindAt).secondary(unsignedSecondary(tandemAt)).start();
        KnotPeer knot = KnotPeer.builder().listen(knotAt).secondary(unsignedSecondary(tandemAt)).start();
        NsdPeer nsd = NsdPeer.builder().listen(nsdAt).secondary(unsignedSecondary(tandemAt)).start()) {
      List<ServerProcess> secondaries = List.of(bind, knot, nsd);
      for (ServerProcess s : secondaries) {
        assertThat(aRecord(s, "www")).as("%s www", s).isEqualTo("192.0.2.1");
      }
      assertThat(TandemLog.matches(tandem.log(), TandemLog.completed(ZONE, "AXFR", "127.0.0.1", "-", "1"))).hasSize(3);

      ZoneVersion v2 = version2(v1);
      changeAndAwait(tandem, zoneFile, v2, secondaries);
      String diffSize = String.valueOf(ixfrRecordCount(v1, v2));
      assertThat(TandemLog.matches(tandem.log(), TandemLog.completed(ZONE, "IXFR", "127.0.0.1", "-", "1->2")))
          .as("three unsigned IXFRs with the whole diff").containsExactly(diffSize, diffSize, diffSize);
      assertThat(TandemLog.count(bind.log(), "got incremental response")).isEqualTo(1);
      assertThat(TandemLog.count(knot.log(), "IXFR, incoming, remote " + tandemAt.at() + ", finished")).isEqualTo(1);
      assertHoldExactly(secondaries, v2);

      // the ACL is about the address: the same unsigned request from 127.0.0.2 is refused
      CommandResult other = DigRunner.dig(tandemAt, "-b", "127.0.0.2", ZONE, "AXFR");
      assertThat(other.stdout()).contains("; Transfer failed.");
      assertThat(XfrText.records(other.stdout())).isEmpty();
      tandem.awaitLog("remote=127.0.0.2:", Duration.ofSeconds(5));
      assertThat(tandem.log()).containsPattern(
          TandemLog.refused(ZONE, "AXFR", "127.0.0.2", "-", "REFUSED", "not allowed by allow-transfer"));
    }
  }

  @Test
  void transfersWithoutTheKeyOrWithAWrongKeyAreRefused() {
    TsigKey key = TsigKey.generate("xfr-key");
    TsigKey otherKnownKey = TsigKey.generate("other-key");
    TsigKey wrongSecret = new TsigKey("xfr-key", key.algorithm(), TsigKey.generate("x").secret());
    TsigKey unknownKey = TsigKey.generate("nobody-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    Path zoneFile = tmp.resolve(ZONE + ".zone");
    version1().writeTo(zoneFile);
    Path config = TandemYaml.primary(ZONE, zoneFile).listen(tandemAt).dataDir(tmp.resolve("data"))
        .key(key).key(otherKnownKey).allowTransfer("127.0.0.1 key xfr-key").writeTo(tmp.resolve("tandem.yaml"));

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).start()) {
      // no key: REFUSED
      CommandResult dig = DigRunner.dig(tandemAt, ZONE, "AXFR");
      assertThat(dig.stdout()).contains("; Transfer failed.");
      assertThat(XfrText.records(dig.stdout())).isEmpty();
      CommandResult kdig = DigRunner.kdig(tandemAt, ZONE, "AXFR");
      assertThat(kdig.output()).contains("server replied with error 'REFUSED'");
      Message unsigned = DnsQuery.to(tandemAt).tcp().send(DnsQuery.question(ZONE, Type.AXFR));
      assertThat(Rcode.string(unsigned.getRcode())).isEqualTo("REFUSED");
      assertThat(unsigned.getSection(Section.ANSWER)).isEmpty();
      assertThat(TandemLog.matches(tandem.log(),
              TandemLog.refused(ZONE, "AXFR", "127.0.0.1", "-", "REFUSED", "not allowed by allow-transfer")))
          .as("one REFUSED line per unsigned AXFR (dig, kdig, dnsjava)").hasSize(3);

      // the right key name with a wrong secret: NOTAUTH, TSIG error BADSIG, unsigned (RFC 8945 §5.3.2)
      CommandResult badSig = DigRunner.dig(tandemAt, "-y", wrongSecret.digArg(), ZONE, "AXFR");
      assertThat(badSig.stdout()).contains("; Transfer failed.");
      assertThat(XfrText.tsigLines(badSig.stdout())).singleElement().asString().contains(" BADSIG ");
      assertThat(XfrText.records(badSig.stdout())).isEmpty();
      Message badSigAnswer = rawSignedAxfr(tandemAt, wrongSecret);
      assertThat(Rcode.string(badSigAnswer.getHeader().getRcode())).isEqualTo("NOTAUTH");
      TSIGRecord badSigTsig = badSigAnswer.getTSIG();
      assertThat(Rcode.TSIGstring(badSigTsig.getError())).isEqualTo("BADSIG");
      assertThat(badSigTsig.getSignature()).as("a BADSIG answer carries no MAC").isEmpty();
      assertThat(tandem.log()).contains("TSIG BADSIG from /127.0.0.1:").contains("key xfr-key.: MAC does not verify");

      // a key Tandem does not know: NOTAUTH, BADKEY
      CommandResult badKey = DigRunner.dig(tandemAt, "-y", unknownKey.digArg(), ZONE, "AXFR");
      assertThat(XfrText.tsigLines(badKey.stdout())).singleElement().asString().contains(" BADKEY ");
      assertThat(XfrText.records(badKey.stdout())).isEmpty();

      // a valid key that the ACL does not name: REFUSED, and the refusal is signed (RFC 8945 §5.3)
      Message wrongKey = DnsQuery.to(tandemAt).tcp().tsig(otherKnownKey).send(DnsQuery.question(ZONE, Type.AXFR));
      assertThat(Rcode.string(wrongKey.getRcode())).isEqualTo("REFUSED");
      assertThat(wrongKey.isVerified()).as("the REFUSED answer to a signed request is signed").isTrue();
      assertThat(tandem.log()).containsPattern(
          TandemLog.refused(ZONE, "AXFR", "127.0.0.1", "other-key.", "REFUSED", "not allowed by allow-transfer"));

      // and the right key works
      List<Record> axfr = Transfers.axfr(tandemAt, ZONE, key, XFR_TIMEOUT);
      assertThat(RecordSets.of(axfr)).isEqualTo(version1().records());
    }
  }

  @Test
  void measuresTheTimeFromSighupToTheBindSecondaryServingTheChange() {
    TsigKey key = TsigKey.generate("xfr-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Path zoneFile = tmp.resolve(ZONE + ".zone");
    ZoneVersion version = version1();
    version.writeTo(zoneFile);
    Path config = TandemYaml.primary(ZONE, zoneFile).listen(tandemAt).dataDir(tmp.resolve("data"))
        .key(key).allowTransfer("127.0.0.1 key xfr-key").notify(bindAt + " key xfr-key")
        .writeTo(tmp.resolve("tandem.yaml"));

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).start();
        BindPeer bind = BindPeer.builder().listen(bindAt).secondary(SecondaryZone.of(ZONE, tandemAt, key)).start()) {
      assertThat(bind.serial(ZONE)).isEqualTo(1);
      Propagation propagation = new Propagation();
      List<Instant> sighups = new ArrayList<>();
      for (int i = 1; i <= TIMED_CHANGES; i++) {
        version = version.withSerial(version.serial() + 1).put("www", "www 300 IN A 192.0.2." + (100 + i));
        version.writeTo(zoneFile);
        long started = System.nanoTime();
        sighups.add(Instant.now());
        tandem.sighup();
        propagation.awaitServed(bind, ZONE, version.serial(), started, PROPAGATION);
      }
      assertThat(aRecord(bind, "www")).isEqualTo("192.0.2." + (100 + TIMED_CHANGES));
      List<Long> notified = new ArrayList<>();
      for (int i = 0; i < sighups.size(); i++) {
        Instant acknowledged = Propagation.loggedAt(tandem.log(), "notify out zone=" + ZONE + ". serial=" + (2 + i) + " ", "result=ok");
        notified.add(Duration.between(sighups.get(i), acknowledged).toMillis());
      }
      System.out.println("SIGHUP -> BIND secondary serving the change: " + propagation.summary());
      System.out.println("  of which SIGHUP -> Tandem's NOTIFY acknowledged (log timestamps, ms): " + notified);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static SecondaryZone secondary(Endpoint primary, TsigKey key) {
    return SecondaryZone.of(ZONE, primary, key).allowTransfer(Acl.any());
  }

  private static SecondaryZone unsignedSecondary(Endpoint primary) {
    return SecondaryZone.of(ZONE, primary).allowTransfer(Acl.any());
  }

  private static void changeAndAwait(TandemProcess tandem, Path zoneFile, ZoneVersion next, List<ServerProcess> secondaries) {
    next.writeTo(zoneFile);
    tandem.sighup();
    tandem.awaitSerial(ZONE, next.serial(), PROPAGATION);
    for (ServerProcess s : secondaries) {
      s.awaitSerial(ZONE, next.serial(), PROPAGATION);
    }
  }

  /** Each secondary serves serial 1, and Tandem logged one whole-zone AXFR per secondary's key. */
  private static void assertInitialAxfr(TandemProcess tandem, List<ServerProcess> secondaries, List<TsigKey> keys,
      ZoneVersion v1) {
    for (ServerProcess s : secondaries) {
      assertThat(s.serial(ZONE)).as("%s serial", s).isEqualTo(1);
      assertThat(aRecord(s, "www")).as("%s www", s).isEqualTo("192.0.2.1");
    }
    for (TsigKey k : keys) {
      assertThat(TandemLog.matches(tandem.log(), TandemLog.completed(ZONE, "AXFR", "127.0.0.1", TandemLog.key(k), "1")))
          .as("Tandem's AXFR line for %s", k.name())
          .containsExactly(String.valueOf(v1.records().size() + 1));
    }
  }

  /**
   * The peers' own logs after changes 1 and 2: BIND and Knot say both transfers were incremental,
   * after one full transfer; NSD 4.6 logs no transfer type, only the two updates, TSIG-verified.
   */
  private static void assertPeersLoggedTwoIncrementalTransfers(BindPeer bind, KnotPeer knot, NsdPeer nsd, Endpoint tandemAt) {
    assertThat(TandemLog.count(bind.log(), "got incremental response")).as("BIND incremental transfers").isEqualTo(2);
    assertThat(TandemLog.count(bind.log(), "got nonincremental response")).as("BIND full transfers").isEqualTo(1);
    assertThat(TandemLog.count(knot.log(), "[" + ZONE + ".] IXFR, incoming, remote " + tandemAt.at() + ", finished"))
        .as("Knot incremental transfers").isEqualTo(2);
    assertThat(TandemLog.count(knot.log(), "[" + ZONE + ".] AXFR, incoming, remote " + tandemAt.at() + ", finished"))
        .as("Knot full transfers").isEqualTo(1);
    assertThat(knot.log()).contains("serial 1 -> 2", "serial 2 -> 3");
    for (long serial : List.of(2L, 3L)) {
      assertThat(nsd.log()).containsPattern("received update to serial " + serial + " at \\S+ from "
          + Pattern.quote(tandemAt.at()) + " TSIG verified with key nsd-key");
    }
  }

  /** Every secondary serves exactly {@code version}'s records (AXFR from the secondary). */
  private static void assertHoldExactly(List<ServerProcess> secondaries, ZoneVersion version) {
    for (ServerProcess s : secondaries) {
      assertThat(RecordSets.of(Transfers.axfr(s.endpoint(), ZONE, null, XFR_TIMEOUT))).as("%s zone content", s)
          .isEqualTo(version.records());
    }
  }

  /** Tandem logged one IXFR per key from {@code from} to {@code to}, each with exactly the diff's records. */
  private static void assertIxfrOut(TandemProcess tandem, List<TsigKey> keys, ZoneVersion from, ZoneVersion to) {
    String expected = String.valueOf(ixfrRecordCount(from, to));
    for (TsigKey k : keys) {
      assertThat(TandemLog.matches(tandem.log(),
              TandemLog.completed(ZONE, "IXFR", "127.0.0.1", TandemLog.key(k), from.serial() + "->" + to.serial())))
          .as("Tandem's IXFR line for %s, %d->%d", k.name(), from.serial(), to.serial())
          .containsExactly(expected);
    }
  }

  /** Records in an IXFR of one condensed delta: four SOAs, the deletions, the additions. */
  private static int ixfrRecordCount(ZoneVersion from, ZoneVersion to) {
    return 4 + RecordSets.minus(from.recordsWithoutSoa(), to.recordsWithoutSoa()).size()
        + RecordSets.minus(to.recordsWithoutSoa(), from.recordsWithoutSoa()).size();
  }

  /** An AXFR request signed with {@code key}, sent as raw bytes so that an error answer is seen as it is. */
  private static Message rawSignedAxfr(Endpoint server, TsigKey key) {
    Message query = DnsQuery.question(ZONE, Type.AXFR);
    query.setTSIG(key.toDnsjava());
    byte[] answer = DnsQuery.to(server).tcp().sendRaw(query.toWire(Message.MAXLENGTH));
    try {
      return new Message(answer);
    } catch (java.io.IOException e) {
      throw new AssertionError("unparseable answer: " + Base64.getEncoder().encodeToString(answer), e);
    }
  }

  private static String aRecord(ServerProcess server, String label) {
    Message m = DnsQuery.to(server.endpoint()).send(DnsQuery.question(label + "." + ZONE, Type.A));
    List<Record> answer = m.getSection(Section.ANSWER);
    assertThat(answer).as("%s A from %s", label, server).hasSize(1);
    return ((org.xbill.DNS.ARecord) answer.get(0)).getAddress().getHostAddress();
  }

  private static int rcode(ServerProcess server, String label, int type) {
    return DnsQuery.to(server.endpoint()).send(DnsQuery.question(label + "." + ZONE, type)).getRcode();
  }


}
