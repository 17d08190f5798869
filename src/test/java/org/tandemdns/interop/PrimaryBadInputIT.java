package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandemdns.interop.RecordSets.minus;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.OpenFiles;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Transfers;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Tandem as a primary facing clients that misbehave or push the edges (issue 3): a transfer client
 * that never reads, IXFR from a serial newer than the served one, TSIG with a wrong time or a
 * truncated MAC, a burst of SIGHUPs while the zone file changes, AXFR and IXFR over UDP.
 */
class PrimaryBadInputIT {

  private static final String ZONE = "edge.test";
  private static final Duration XFR_TIMEOUT = Duration.ofSeconds(20);
  /** Records of {@link #STALL_TEXT} in the zone a client stalls on: ~9 MB, more than the socket buffers hold. */
  private static final int STALL_RECORDS = 40_000;
  private static final String STALL_TEXT = "\"" + "x".repeat(200) + "\"";
  private static final int BURST = 50;
  private static final int BURST_ZONE_RECORDS = 20_000;
  private static final int RACE_ZONE_RECORDS = 100_000;

  @TempDir Path tmp;

  private final Endpoint tandemAt = Endpoint.freeLoopback();
  private final TsigKey key = TsigKey.generate("edge-key");

  @Test
  void aClientThatNeverReadsHoldsItsTransferSlotOnlyUntilTheIdleTimeout() throws IOException {
    ZoneVersion zone = withNumberedRecords(ZoneVersion.of(ZONE, 1), STALL_RECORDS, "TXT", i -> STALL_TEXT);
    try (TandemProcess tandem = start(zone, "max-transfers-out", "1", "tcp-idle-timeout", "2s");
        Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(tandemAt.socketAddress(), 2000);
      DataOutputStream out = new DataOutputStream(stalled.getOutputStream());
      byte[] axfr = DnsQuery.question(ZONE, Type.AXFR).toWire();
      out.writeShort(axfr.length);
      out.write(axfr);
      out.flush();
      InputStream in = stalled.getInputStream();
      Wait.until(Duration.ofSeconds(5), () -> available(in) > 0, () -> "the stalled AXFR never started");

      // the one transfer slot is taken: a second AXFR is refused
      Message second = DnsQuery.to(tandemAt).tcp().send(DnsQuery.question(ZONE, Type.AXFR));
      assertThat(Rcode.string(second.getRcode())).isEqualTo("REFUSED");
      assertThat(tandem.log()).containsPattern(
          TandemLog.refused(ZONE, "AXFR", "127.0.0.1", "-", "REFUSED", "too many transfers in progress"));

      // the idle timeout closes the stalled connection, which frees the slot: a whole AXFR works again
      Wait.until(Duration.ofSeconds(15), () -> wholeAxfrSucceeds(), () -> "AXFR still refused" + tail(tandem));
      assertThat(tandem.log()).containsPattern(Pattern.quote("transfer out zone=" + ZONE + ". type=AXFR remote=127.0.0.1:"
          + stalled.getLocalPort() + " key=- serial=1 records=") + "\\d+ messages=\\d+ bytes=\\d+ duration=\\d+ms"
          + Pattern.quote(" result=aborted (connection closed or stalled)"));
      assertThat(readToEnd(stalled, Duration.ofSeconds(10))).as("the server closed the stalled connection").isTrue();
      assertThat(RecordSets.of(Transfers.axfr(tandemAt, ZONE, null, XFR_TIMEOUT))).isEqualTo(zone.records());
    }
  }

  @Test
  void ixfrFromASerialNewerThanTheServedOneGetsTheCurrentSoaAlone() {
    ZoneVersion zone = small(100);
    try (TandemProcess tandem = start(zone)) {
      for (long client : List.of(101L, 1_100L, (100L + 0x7FFF_FFFFL) & 0xFFFF_FFFFL)) {
        for (boolean tcp : List.of(false, true)) {
          DnsQuery query = tcp ? DnsQuery.to(tandemAt).tcp() : DnsQuery.to(tandemAt).udp();
          Message answer = query.send(ixfrQuery(client));
          assertThat(Rcode.string(answer.getRcode())).as("client serial %d, tcp %s", client, tcp).isEqualTo("NOERROR");
          assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
          assertThat(recordTexts(answer.getSection(Section.ANSWER))).as("client serial %d, tcp %s", client, tcp)
              .containsExactly(zone.soa());
        }
        assertThat(tandem.log()).contains("result=up-to-date (client has " + client + ")");
      }
    }
  }

  @Test
  void tsigWithAWrongTimeGetsASignedBadtimeWithTheServerTime() throws IOException {
    try (TandemProcess tandem = start(small(1))) {
      Instant skewed = Instant.now().minus(Duration.ofHours(1));
      Message query = DnsQuery.question(ZONE, Type.SOA);
      query.setTSIG(TsigRequests.withClock(key, Clock.fixed(skewed, ZoneOffset.UTC)));
      byte[] wire = query.toWire(Message.MAXLENGTH);
      byte[] raw = DnsQuery.to(tandemAt).sendRaw(wire);
      Instant received = Instant.now();
      Message answer = new Message(raw);

      assertThat(Rcode.string(answer.getHeader().getRcode())).isEqualTo("NOTAUTH");
      assertThat(answer.getSection(Section.ANSWER)).isEmpty();
      TSIGRecord tsig = answer.getTSIG();
      assertThat(Rcode.TSIGstring(tsig.getError())).isEqualTo("BADTIME");
      assertThat(tsig.getSignature()).as("a BADTIME answer is signed (RFC 8945 §5.3.2)").hasSize(32);
      assertThat(tsig.getOther()).as("Other Data: the server's current time, 48 bits (RFC 8945 §4.3.3, §5.2.3)").hasSize(6);
      long serverTime = TsigRequests.otherDataTime(tsig);
      assertThat(serverTime).isBetween(received.getEpochSecond() - 60, received.getEpochSecond() + 60);
      TSIG verifier = TsigRequests.withClock(key, Clock.fixed(tsig.getTimeSigned(), ZoneOffset.UTC));
      assertThat(Rcode.TSIGstring(verifier.verify(answer, raw, new Message(wire).getTSIG())))
          .as("the BADTIME answer's MAC verifies with the key (RFC 8945 §5.3.2, §4.3.3)").isEqualTo("NOERROR");
      assertThat(tandem.log()).contains("TSIG BADTIME from /127.0.0.1:");
    }
  }

  @Test
  void tsigWithATruncatedMacGetsBadtruncOrFormerrBelowTheMinimum() throws IOException {
    try (TandemProcess tandem = start(small(1))) {
      // 16 of 32 octets: allowed by RFC 8945 §5.2.2.1, refused by Tandem's policy (full MACs only)
      Message truncated = TsigRequests.truncatedMac(ZONE, key, 16, false);
      byte[] wire = truncated.toWire(Message.MAXLENGTH);
      byte[] raw = DnsQuery.to(tandemAt).sendRaw(wire);
      Message answer = new Message(raw);
      assertThat(Rcode.string(answer.getHeader().getRcode())).isEqualTo("NOTAUTH");
      TSIGRecord tsig = answer.getTSIG();
      assertThat(Rcode.TSIGstring(tsig.getError())).isEqualTo("BADTRUNC");
      assertThat(tsig.getSignature()).as("a BADTRUNC answer is signed (RFC 8945 §5.3.2)").isNotEmpty();
      assertThat(Rcode.TSIGstring(key.toDnsjava().verify(answer, raw, new Message(wire).getTSIG()))).isEqualTo("NOERROR");

      // 8 octets: below max(10, 32 / 2), a format error (RFC 8945 §5.2.2.1)
      Message tooShort = TsigRequests.truncatedMac(ZONE, key, 8, false);
      Message formErr = new Message(DnsQuery.to(tandemAt).sendRaw(tooShort.toWire(Message.MAXLENGTH)));
      assertThat(Rcode.string(formErr.getHeader().getRcode())).isEqualTo("FORMERR");
      assertThat(formErr.getSection(Section.ANSWER)).isEmpty();
      assertThat(tandem.log()).contains("TSIG BADTRUNC from /127.0.0.1:").contains("MAC of 8 octets is below the minimum");
    }
  }

  @Test
  void aTruncatedMacThatDoesNotVerifyIsBadsigNotBadtrunc() throws IOException {
    // RFC 8945 §5.2: the key is checked, then the MAC, then the time, then the truncation policy. A
    // 16-octet MAC that is not the start of the right MAC fails the MAC check: BADSIG, answered
    // unsigned (§5.3.2), never signed over a request MAC nobody verified (§10.1).
    try (TandemProcess tandem = start(small(1))) {
      Message forged = TsigRequests.truncatedMac(ZONE, key, 16, true);
      Message answer = new Message(DnsQuery.to(tandemAt).sendRaw(forged.toWire(Message.MAXLENGTH)));
      assertThat(Rcode.string(answer.getHeader().getRcode())).isEqualTo("NOTAUTH");
      TSIGRecord tsig = answer.getTSIG();
      assertThat(Rcode.TSIGstring(tsig.getError())).as("TSIG error for a forged truncated MAC").isEqualTo("BADSIG");
      assertThat(tsig.getSignature()).as("no MAC on an answer to an unverified request").isEmpty();
    }
  }

  @Test
  void aBurstOfSighupsWhileTheFileChangesIsCoalescedAndEndsAtTheLastContent() {
    ZoneVersion base = withNumberedRecords(ZoneVersion.of(ZONE, 1), BURST_ZONE_RECORDS, "A", i -> address(i, 0));
    Path file = tmp.resolve(ZONE + ".zone");
    List<String> texts = new ArrayList<>();
    ZoneVersion version = base;
    for (int i = 1; i <= BURST; i++) {
      version = version.withSerial(1 + i).put("burst", "burst 300 IN TXT \"change " + i + "\"")
          .put("h" + i, "h" + i + " 300 IN A " + address(i, i));
      texts.add(version.text());
    }
    try (TandemProcess tandem = start(base)) {
      for (String text : texts) { // prepared beforehand: the signals come as fast as kill(1) can run
        ZoneVersion.writeText(file, text);
        tandem.sighup();
      }
      tandem.awaitSerial(ZONE, 1 + BURST, Duration.ofSeconds(20));

      assertThat(tandem.isAlive()).isTrue();
      assertThat(RecordSets.of(Transfers.axfr(tandemAt, ZONE, null, XFR_TIMEOUT))).as("served content").isEqualTo(version.records());
      ZoneTransferIn ixfr = Transfers.ixfr(tandemAt, ZONE, 1, null, XFR_TIMEOUT);
      assertThat(ixfr.isIXFR()).as("IXFR from the first serial is a difference").isTrue();
      assertThat(applyDeltas(base.records(), ixfr.getIXFR())).as("serial 1 + journal").isEqualTo(version.records());
      List<String> reloads = TandemLog.matches(tandem.log(), Pattern.compile("reload: \\d+ zone\\(s\\) read, \\d+ changed"));
      List<String> commits = TandemLog.matches(tandem.log(), Pattern.compile("committed serial (\\d+ -> \\d+) \\(reload\\)"));
      System.out.printf("%d SIGHUPs: %d reload passes, commits %s%n", BURST, reloads.size(), commits);
      assertThat(reloads).as("reload passes for %d SIGHUPs", BURST).isNotEmpty().hasSizeLessThanOrEqualTo(BURST / 5);
      assertThat(commits).isNotEmpty();
      assertThat(commits.get(commits.size() - 1)).as("the last commit").endsWith("-> " + (1 + BURST));
    }
  }

  @Test
  void aZoneFileReplacedWhileAReloadReadsItIsReadAgainAtTheNextReload() {
    // The reload that is reading the old file when it is replaced (renamed over) serves the old
    // content, which is right; the next reload must then see that the file changed and commit it.
    ZoneVersion old = withNumberedRecords(ZoneVersion.of(ZONE, 1), RACE_ZONE_RECORDS, "A", i -> address(i, 0));
    ZoneVersion changed = old.withSerial(2).put("www", "www 300 IN A 192.0.2.2").put("h7", "h7 300 IN A " + address(7, 9));
    ZoneVersion meanwhile = old.withSerial(3).put("www", "www 300 IN A 192.0.2.3");
    Path file = tmp.resolve(ZONE + ".zone");
    try (TandemProcess tandem = start(old)) {
      changed.writeTo(file);
      tandem.sighup();
      Wait.until(Duration.ofSeconds(20), () -> OpenFiles.isOpen(tandem.pid(), file), () -> "Tandem never opened " + file);
      meanwhile.writeTo(file); // renamed over the file Tandem is reading: its open descriptor keeps the old inode
      Wait.until(Duration.ofSeconds(30), () -> reloadPasses(tandem) == 1, () -> "the first reload never ended" + tail(tandem));
      assertThat(tandem.serial(ZONE)).as("the first reload served what it read").isEqualTo(2);

      tandem.sighup();
      Wait.until(Duration.ofSeconds(30), () -> reloadPasses(tandem) == 2, () -> "the second reload never ended" + tail(tandem));
      assertThat(tandem.serial(ZONE)).as("after the second reload, the file's serial").isEqualTo(3);
      assertThat(RecordSets.of(Transfers.axfr(tandemAt, ZONE, null, XFR_TIMEOUT))).isEqualTo(meanwhile.records());
    }
  }

  @Test
  void axfrOverUdpIsRefused() {
    try (TandemProcess tandem = start(small(1))) {
      Message answer = DnsQuery.to(tandemAt).udp().send(DnsQuery.question(ZONE, Type.AXFR));
      assertThat(Rcode.string(answer.getRcode())).isEqualTo("REFUSED");
      assertThat(answer.getSection(Section.ANSWER)).isEmpty();
      assertThat(tandem.log()).containsPattern(TandemLog.refused(ZONE, "AXFR", "127.0.0.1", "-", "REFUSED", "AXFR over UDP"));
    }
  }

  @Test
  void ixfrOverUdpSendsTheDiffWhenItFitsAndTheSoaAloneWhenItDoesNot() {
    ZoneVersion v10 = small(10);
    Path file = tmp.resolve(ZONE + ".zone");
    try (TandemProcess tandem = start(v10)) {
      ZoneVersion v11 = v10.withSerial(11).put("www", "www 300 IN A 192.0.2.11");
      v11.writeTo(file);
      tandem.sighup();
      tandem.awaitSerial(ZONE, 11, Duration.ofSeconds(10));

      Message fits = DnsQuery.to(tandemAt).udp().send(ixfrQuery(10));
      assertThat(fits.getHeader().getFlag(Flags.TC)).isFalse();
      IxfrResponse diff = IxfrResponse.parse(fits.getSection(Section.ANSWER));
      assertThat(diff.deltas()).hasSize(1);
      assertThat(RecordSets.of(diff.deltas().get(0).deleted())).isEqualTo(minus(v10.recordsWithoutSoa(), v11.recordsWithoutSoa()));
      assertThat(RecordSets.of(diff.deltas().get(0).added())).isEqualTo(minus(v11.recordsWithoutSoa(), v10.recordsWithoutSoa()));
      assertThat(tandem.log()).contains("type=IXFR transport=udp remote=127.0.0.1:").contains("serial=10->11 records=6 result=ok");

      Map<String, String> many = new LinkedHashMap<>();
      for (int i = 0; i < 100; i++) {
        many.put("t" + i, "t" + i + " 300 IN TXT \"one of a hundred records added at once, too many for 512 octets\"");
      }
      ZoneVersion v12 = v11.withSerial(12).putAll(many);
      v12.writeTo(file);
      tandem.sighup();
      tandem.awaitSerial(ZONE, 12, Duration.ofSeconds(10));

      for (long from : List.of(11L, 10L)) {
        Message tooBig = DnsQuery.to(tandemAt).udp().send(ixfrQuery(from));
        assertThat(Rcode.string(tooBig.getRcode())).isEqualTo("NOERROR");
        assertThat(recordTexts(tooBig.getSection(Section.ANSWER))).as("UDP IXFR from %d", from).containsExactly(v12.soa());
      }
      Message overTcp = DnsQuery.to(tandemAt).tcp().send(ixfrQuery(11));
      IxfrResponse tcpDiff = IxfrResponse.parse(overTcp.getSection(Section.ANSWER));
      assertThat(RecordSets.of(tcpDiff.deltas().get(0).added())).as("the same IXFR over TCP").isEqualTo(minus(v12.recordsWithoutSoa(), v11.recordsWithoutSoa()));
      assertThat(overTcp.toWire().length).as("the diff needs more than 512 octets").isGreaterThan(512);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Starts Tandem on {@code zone} with {@code serverSettings} (key, value pairs) under {@code server:}. */
  private TandemProcess start(ZoneVersion zone, String... serverSettings) {
    Path file = zone.writeTo(tmp.resolve(ZONE + ".zone"));
    TandemYaml yaml = TandemYaml.primary(ZONE, file).listen(tandemAt).dataDir(tmp.resolve("data"))
        .key(key).allowTransfer("127.0.0.1");
    for (int i = 0; i + 1 < serverSettings.length; i += 2) {
      yaml.server(serverSettings[i], serverSettings[i + 1]);
    }
    return TandemProcess.builder().config(yaml.writeTo(tmp.resolve("tandem.yaml")), tandemAt).awaitZone(ZONE).start();
  }

  private static ZoneVersion small(long serial) {
    return ZoneVersion.of(ZONE, serial)
        .put("ns", "@ 300 IN NS ns1")
        .put("ns1", "ns1 300 IN A 127.0.0.1")
        .put("www", "www 300 IN A 192.0.2.1")
        .put("txt", "txt 300 IN TXT \"edge\"");
  }

  private static ZoneVersion withNumberedRecords(ZoneVersion zone, int count, String type,
      java.util.function.IntFunction<String> rdata) {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("ns", "@ 300 IN NS ns1");
    lines.put("ns1", "ns1 300 IN A 127.0.0.1");
    for (int i = 0; i < count; i++) {
      lines.put("h" + i, "h" + i + " 300 IN " + type + " " + rdata.apply(i));
    }
    return zone.putAll(lines);
  }

  private static String address(int i, int variant) {
    return "10." + ((i >> 16) & 0xFF) + "." + ((i >> 8) & 0xFF) + "." + (((i & 0xFF) + variant) % 256);
  }

  /** An IXFR query carrying {@code serial} in the authority section's SOA (RFC 1995 §3). */
  private static Message ixfrQuery(long serial) {
    Message query = DnsQuery.question(ZONE, Type.IXFR);
    Name zone = Name.fromConstantString(ZONE + ".");
    query.addRecord(new SOARecord(zone, DClass.IN, 0, Name.fromConstantString("ns1." + ZONE + "."),
        Name.fromConstantString("hostmaster." + ZONE + "."), serial, 0, 0, 0, 0), Section.AUTHORITY);
    return query;
  }

  private boolean wholeAxfrSucceeds() {
    try {
      Transfers.axfr(tandemAt, ZONE, null, XFR_TIMEOUT);
      return true;
    } catch (IllegalStateException refused) {
      return false;
    }
  }

  /** {@code base} with dnsjava's IXFR deltas applied (each delta's lists open with its SOA). */
  private static java.util.Set<String> applyDeltas(java.util.Set<String> base, List<ZoneTransferIn.Delta> deltas) {
    Record currentSoa = deltas.get(deltas.size() - 1).adds.get(0);
    List<Record> sequence = new ArrayList<>();
    sequence.add(currentSoa);
    for (ZoneTransferIn.Delta d : deltas) {
      sequence.addAll(d.deletes);
      sequence.addAll(d.adds);
    }
    sequence.add(currentSoa);
    return IxfrResponse.parse(sequence).applyTo(base, currentSoa);
  }

  private static int reloadPasses(TandemProcess tandem) {
    return TandemLog.matches(tandem.log(), Pattern.compile("reload: \\d+ zone\\(s\\) read, \\d+ changed")).size();
  }

  private static List<String> recordTexts(List<Record> records) {
    return records.stream().map(Record::toString).toList();
  }

  private static int available(InputStream in) {
    try {
      return in.available();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code socket} until the peer closes it (true) or {@code timeout} passes (false). */
  private static boolean readToEnd(Socket socket, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    socket.setSoTimeout(500);
    byte[] buffer = new byte[65536];
    while (System.nanoTime() - deadline < 0) {
      try {
        if (socket.getInputStream().read(buffer) < 0) {
          return true;
        }
      } catch (java.net.SocketTimeoutException e) {
        // nothing yet; try again until the deadline
      } catch (java.net.SocketException reset) {
        return true; // closed with a reset: closed all the same
      }
    }
    return false;
  }

  private static String tail(TandemProcess tandem) {
    String log = tandem.log();
    return "\n" + log.substring(Math.max(0, log.length() - 3000));
  }
}
