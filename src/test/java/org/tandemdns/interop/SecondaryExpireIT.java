package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * SOA EXPIRE (RFC 1034 §4.3.5, RFC 1035 §3.3.13): with its primary (Knot) gone, Tandem keeps
 * answering authoritatively until EXPIRE passes without a successful refresh, then answers SERVFAIL
 * until the primary is back. The deadline is persisted: a restart neither resets it nor revives an
 * expired zone.
 *
 * <p>The zone's SOA says REFRESH 2, RETRY 1, EXPIRE 8 (seconds), and Tandem's timers allow them
 * ({@code refresh-min: 1s, retry-min: 1s}). Tandem also serves a primary zone, {@code ready.test},
 * so that it can be awaited at start even while the secondary zone is expired.
 */
class SecondaryExpireIT {

  static final String ZONE = "expire.test";
  static final String READY = "ready.test";
  static final int REFRESH = 2;
  static final int EXPIRE = 8;
  static final Duration POLL = Duration.ofMillis(100);
  static final Pattern EXPIRES = Pattern.compile("expires (\\S+)$");

  @TempDir Path tmp;

  private final TsigKey key = TsigKey.generate("xfr-key");
  private final Endpoint knotAt = Endpoint.freeLoopback();
  private final Endpoint tandemAt = Endpoint.freeLoopback();
  private Path config;
  private KnotPeer knot;
  private TandemProcess tandem;

  @BeforeEach
  void startPrimaryAndSecondary() {
    ZoneFiles.write(tmp.resolve("zones"), ZONE, 1, REFRESH, 1, EXPIRE);
    config =
        SecondaryYaml.server(tandemAt, tmp.resolve("data"))
            .key(key)
            .secondary(ZONE, List.of(knotAt + " key " + key.name()), "notify-ns: false",
                "timers: {refresh-min: 1s, retry-min: 1s}")
            .primary(READY, TestZones.write(tmp.resolve("zones"), READY, 1))
            .write(tmp.resolve("tandem.yaml"));
    startKnot();
    tandem = startTandem();
    tandem.awaitSerial(ZONE, 1, Duration.ofSeconds(10));
  }

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
  void answersUntilExpireThenServfailThenServesAgainWhenThePrimaryIsBack() {
    long stopped = stopKnot();

    List<Answer> before = answersUntilServfail(Duration.ofSeconds(EXPIRE + 6));
    double expiredAfter = seconds(System.nanoTime() - stopped);
    assertThat(before).as("answers between the primary's stop and the expiry").isNotEmpty()
        .allSatisfy(a -> assertThat(a.servedAuthoritatively()).as(a.toString()).isTrue());
    // the last good refresh was at most REFRESH (+ a little) before the stop
    assertThat(expiredAfter).as("seconds from the primary's stop to SERVFAIL")
        .isBetween((double) EXPIRE - REFRESH - 1, EXPIRE + 3.0);
    assertThat(Logs.lines(tandem, 0, "zone " + ZONE + ".: EXPIRED")).hasSize(1);
    Message www = DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("www." + ZONE, Type.A));
    assertThat(www.getRcode()).as("every name of an expired zone").isEqualTo(Rcode.SERVFAIL);

    int mark = Logs.mark(tandem);
    startKnot();
    awaitServed(Duration.ofSeconds(8));
    Logs.await(tandem, mark, Duration.ofSeconds(2), "zone " + ZONE + ".: refreshed after it had expired; serving again");
  }

  @Test
  void theExpireDeadlineSurvivesRestarts() {
    long stopped = stopKnot();
    Instant deadline = lastExpiresLogged();

    // restart before the expiry: the stored copy is served at once, with the same deadline
    restartTandem();
    long restarted = System.nanoTime();
    assertThat(probe().servedAuthoritatively()).as("served at once after a restart, primary still down").isTrue();
    String stored = Logs.await(tandem, 0, Duration.ofSeconds(2), "zone " + ZONE + ".: serving the stored copy, serial 1");
    assertThat(instant(stored)).as("the expire deadline read back from the store").isEqualTo(deadline);

    answersUntilServfail(Duration.ofSeconds(EXPIRE + 6));
    assertThat(seconds(System.nanoTime() - stopped)).as("seconds from the primary's stop to SERVFAIL")
        .isLessThan(EXPIRE + 3.0);
    assertThat(seconds(System.nanoTime() - restarted)).as("a restart does not reset EXPIRE").isLessThan(EXPIRE);

    // restart while expired: still SERVFAIL right away
    restartTandem();
    Answer first = probe();
    assertThat(first.rcode()).as("first answer after a restart while expired").isEqualTo(Rcode.SERVFAIL);
    Logs.await(tandem, 0, Duration.ofSeconds(2), "zone " + ZONE + ".: serving the stored copy, serial 1 - EXPIRED at");

    startKnot();
    awaitServed(Duration.ofSeconds(8));
  }

  private KnotPeer startKnot() {
    Path file = tmp.resolve("zones").resolve(ZONE + ".zone");
    knot = KnotPeer.builder().listen(knotAt).primary(PrimaryZone.of(ZONE, file).allowTransfer(Acl.key(key))).start();
    return knot;
  }

  /** Stops Knot and returns System.nanoTime() of the moment it was gone. */
  private long stopKnot() {
    knot.close();
    knot = null;
    return System.nanoTime();
  }

  private TandemProcess startTandem() {
    return TandemProcess.builder().config(config, tandemAt).awaitZone(READY).start();
  }

  private void restartTandem() {
    tandem.close();
    tandem = null;
    tandem = startTandem();
  }

  /** The deadline in the last "refresh ok ... expires T" line of the running Tandem. */
  private Instant lastExpiresLogged() {
    List<String> ok = Logs.lines(tandem, 0, "zone " + ZONE + ".: refresh ok:");
    assertThat(ok).isNotEmpty();
    return instant(ok.get(ok.size() - 1));
  }

  private static Instant instant(String line) {
    Matcher m = EXPIRES.matcher(line);
    assertThat(m.find()).as("an expiry time in: " + line).isTrue();
    return Instant.parse(m.group(1));
  }

  /** Polls every 100 ms until SERVFAIL and returns the answers before it. */
  private List<Answer> answersUntilServfail(Duration timeout) {
    List<Answer> answers = new ArrayList<>();
    Wait.until(timeout, () -> {
      Answer a = probe();
      if (a.rcode() == Rcode.SERVFAIL) {
        return true;
      }
      answers.add(a);
      sleep(POLL);
      return false;
    }, () -> ZONE + " never answered SERVFAIL; last answers " + answers.subList(Math.max(0, answers.size() - 3), answers.size())
        + Logs.since(tandem, 0));
    return answers;
  }

  private void awaitServed(Duration timeout) {
    Wait.until(timeout, () -> probe().servedAuthoritatively(),
        () -> ZONE + " not served again: " + probe() + "\n" + Logs.since(tandem, 0));
  }

  private Answer probe() {
    Message m = DnsQuery.to(tandem.endpoint()).timeout(Duration.ofSeconds(1)).send(DnsQuery.question(ZONE, Type.SOA));
    long serial = m.getSection(org.xbill.DNS.Section.ANSWER).stream()
        .filter(r -> r instanceof org.xbill.DNS.SOARecord).mapToLong(r -> ((org.xbill.DNS.SOARecord) r).getSerial())
        .findFirst().orElse(-1);
    return new Answer(m.getRcode(), m.getHeader().getFlag(Flags.AA), serial);
  }

  /** One SOA answer from Tandem. */
  record Answer(int rcode, boolean aa, long serial) {
    boolean servedAuthoritatively() {
      return rcode == Rcode.NOERROR && aa && serial == 1;
    }

    @Override
    public String toString() {
      return Rcode.string(rcode) + (aa ? " aa" : "") + " serial " + serial;
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
