package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.interop.FakePrimary.Behaviour;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Tandem as the secondary of a {@link FakePrimary} that misbehaves: records outside the zone, an
 * older serial, a transfer that never ends (cut off by {@code transfer-limits}: records, then
 * time), garbage, a truncated message or a closed connection mid-transfer, a broken or missing TSIG
 * on the last message. After each, the version served before is still served, whole (compared
 * record for record by AXFR from Tandem), the log says why, and Tandem retries on its own (SOA
 * RETRY is 1 s) until the primary behaves again, which brings the new version.
 *
 * <p>One Tandem serves two secondary zones: {@code fake.test} from a primary that signs with TSIG,
 * {@code plain.test} from one that does not. Each test starts with Tandem in step with both.
 */
class SecondaryBadPrimaryIT {

  static final String SIGNED = "fake.test";
  static final String PLAIN = "plain.test";
  static final Duration ARRIVES = Duration.ofSeconds(10);

  @TempDir static Path tmp;

  static final TsigKey KEY = TsigKey.generate("xfr-key");
  static FakePrimary signed;
  static FakePrimary plain;
  static TandemProcess tandem;

  @BeforeAll
  static void start() {
    signed = FakePrimary.start(SIGNED, KEY, 1);
    plain = FakePrimary.start(PLAIN, null, 1);
    Endpoint at = Endpoint.freeLoopback();
    String[] common = {
      "notify-ns: false",
      "allow-transfer: [\"127.0.0.1\"]",
      "timers: {refresh-min: 1s, retry-min: 1s}",
      "transfer-limits: {records: 5000, timeout: 2s}"
    };
    Path config =
        SecondaryYaml.server(at, tmp.resolve("data"))
            .key(KEY)
            .secondary(SIGNED, List.of(signed.endpoint() + " key " + KEY.name()), common)
            .secondary(PLAIN, List.of(plain.endpoint().toString()), common)
            .write(tmp.resolve("tandem.yaml"));
    tandem = TandemProcess.builder().config(config, at).awaitZone(SIGNED).awaitZone(PLAIN).start();
  }

  @AfterAll
  static void stop() {
    if (tandem != null) {
      tandem.close();
    }
    for (FakePrimary p : new FakePrimary[] {signed, plain}) {
      if (p != null) {
        p.close();
      }
    }
  }

  /** Well-behaved primaries, and Tandem serving their serials. */
  @BeforeEach
  void inStep() {
    for (FakePrimary p : new FakePrimary[] {signed, plain}) {
      p.serve(p.serial(), Behaviour.NORMAL);
    }
    tandem.awaitSerial(SIGNED, signed.serial(), ARRIVES);
    tandem.awaitSerial(PLAIN, plain.serial(), ARRIVES);
  }

  @Test
  void recordsOutsideTheZoneAreDroppedAndTheRestIsServed() {
    long next = signed.serial() + 1;
    int mark = Logs.mark(tandem);
    signed.serve(next, Behaviour.OUT_OF_ZONE);
    notifyTandem(SIGNED, next);

    tandem.awaitSerial(SIGNED, next, ARRIVES);
    Logs.await(tandem, mark, Duration.ofSeconds(2), "transfer in zone=" + SIGNED + ".",
        "serial=" + (next - 1) + "->" + next, "result=ok (3 records outside the zone dropped)");
    assertThat(served(SIGNED)).isEqualTo(signed.zoneText(next));
    for (String outside : FakePrimary.OUTSIDE) {
      for (int type : new int[] {Type.A, Type.NS}) {
        Message m = DnsQuery.to(tandem.endpoint()).send(DnsQuery.question(outside, type));
        assertThat(m.getSection(Section.ANSWER)).as(outside + " " + Type.string(type)).isEmpty();
      }
    }
  }

  @Test
  void aPrimaryWithAnOlderSerialIsNotTransferredFrom() {
    long current = signed.serial();
    int transfers = signed.transfers();
    int mark = Logs.mark(tandem);
    signed.serve(current, Behaviour.OLDER_SERIAL_IN_SOA);
    notifyTandem(SIGNED, current + 1);

    Logs.await(tandem, mark, ARRIVES, "zone " + SIGNED + ".: primary " + signed.endpoint(),
        "has serial " + (current - 1) + ", older than ours (" + current + "); keeping ours");
    assertThat(signed.transfers()).as("no transfer from a primary that is behind").isEqualTo(transfers);
    assertUnchanged(signed, SIGNED, current);
  }

  @Test
  void aTransferThatNeverEndsIsCutOffAtTheRecordLimit() {
    assertFailsAndRetries(signed, SIGNED, Behaviour.ENDLESS, "result=failed (more than 5000 records; transfer cut off)");
  }

  @Test
  void aTransferThatTricklesForeverIsCutOffByTheTimeout() {
    assertFailsAndRetries(signed, SIGNED, Behaviour.TRICKLE, "result=failed (no complete answer within 2 s)");
  }

  @Test
  void garbageMidTransferFailsIt() {
    assertFailsAndRetries(signed, SIGNED, Behaviour.GARBAGE_MIDWAY, "result=failed (malformed message");
  }

  @Test
  void aConnectionClosedMidTransferFailsIt() {
    assertFailsAndRetries(signed, SIGNED, Behaviour.CLOSE_MIDWAY, "result=failed (connection closed by server)");
  }

  @Test
  void aBrokenTsigOnTheLastMessageFailsTheTransfer() {
    assertFailsAndRetries(signed, SIGNED, Behaviour.BAD_TSIG_ON_LAST, "result=failed (TSIG BADSIG on message 4)");
  }

  /**
   * RFC 8945 §5.3.1: intermediate messages of a transfer may go unsigned, the last one may not; a
   * transfer whose last message is unsigned is not authenticated and must not be used.
   */
  @Test
  void anUnsignedLastMessageFailsTheTransfer() {
    assertFailsAndRetries(signed, SIGNED, Behaviour.UNSIGNED_LAST, "result=failed (");
  }

  /**
   * A message cut in half with TC set, in an unsigned transfer: the transfer is incomplete and must
   * fail (RFC 5936 §2.2.1: TC is 0 in transfer responses; the secondary never serves a partial zone).
   */
  @Test
  void aTruncatedMessageMidTransferFailsAnUnsignedTransfer() {
    assertFailsAndRetries(plain, PLAIN, Behaviour.TRUNCATED_MIDWAY, "result=failed (");
  }

  /** The same truncated message in a signed transfer: it fails, and the log gives a reason, not an internal error. */
  @Test
  void aTruncatedMessageMidTransferFailsASignedTransferWithAReason() {
    String line = assertFailsAndRetries(signed, SIGNED, Behaviour.TRUNCATED_MIDWAY, "result=failed (");
    assertThat(line).doesNotContain("Exception");
  }

  /**
   * The primary misbehaves at the next serial: the transfer fails for {@code reason}, the old
   * version stays served, Tandem retries by itself (a second failed refresh with no NOTIFY in
   * between), and once the primary behaves, a retry brings the new version. Returns the first
   * transfer's log line.
   */
  private String assertFailsAndRetries(FakePrimary primary, String zone, Behaviour how, String reason) {
    long current = primary.serial();
    long next = current + 1;
    int mark = Logs.mark(tandem);
    primary.serve(next, how);
    notifyTandem(zone, next);

    String transfer = Logs.await(tandem, mark, ARRIVES, "transfer in zone=" + zone + ".", "serial=" + current + "->" + next);
    assertThat(transfer).contains("from=" + primary.endpoint(), reason);
    assertUnchanged(primary, zone, current);
    Wait.until(ARRIVES, () -> Logs.lines(tandem, mark, "zone " + zone + ".: refresh failed:").size() >= 2,
        () -> "no retry after the failed refresh:\n" + Logs.since(tandem, mark));
    assertThat(Logs.lines(tandem, mark, "notify in")).as("the retry came from the timer, not a NOTIFY").hasSize(1);
    assertThat(Logs.lines(tandem, mark, "committed")).isEmpty();
    assertUnchanged(primary, zone, current);

    primary.serve(next, Behaviour.NORMAL);
    tandem.awaitSerial(zone, next, ARRIVES);
    assertThat(served(zone)).isEqualTo(primary.zoneText(next));
    return transfer;
  }

  private void assertUnchanged(FakePrimary primary, String zone, long serial) {
    assertThat(tandem.serial(zone)).isEqualTo(serial);
    assertThat(served(zone)).isEqualTo(primary.zoneText(serial));
  }

  private Set<String> served(String zone) {
    return Axfr.records(tandem.endpoint(), zone, null);
  }

  private void notifyTandem(String zone, long serial) {
    TsigKey key = zone.equals(SIGNED) ? KEY : null;
    Message answer = NotifyMessage.send(NotifyMessage.of(zone, serial), tandem.endpoint(), "127.0.0.1", key);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
  }
}
