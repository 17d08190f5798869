package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestZones;
import org.tandemdns.testing.Transfers;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Issue 15, item 3: the configuration is re-read on SIGHUP and {@code tandem reload --config}, with
 * queries flowing. A zone added answers, a zone removed is REFUSED, an ACL change applies, and a
 * corrected TSIG secret lets a secondary of a real Knot transfer at once instead of at the next RETRY;
 * no query to an unchanged zone goes unanswered meanwhile.
 */
class LiveReconfigurationIT {

  @TempDir Path tmp;

  private static final String CONFIG = """
      server:
        listen: ["%s"]
        data-dir: data
      api:
        listen: 127.0.0.1:%d
      keys:
        - name: xfr-key
          algorithm: hmac-sha256
          secret: %s
      zones:
      %s
      """;

  private static String zones(String... entries) {
    return String.join("\n", entries);
  }

  private Path writeConfig(Endpoint dns, int api, String secret, String zones) throws IOException {
    return Files.writeString(tmp.resolve("tandem.yaml"), CONFIG.formatted(dns, api, secret, zones));
  }

  private record Run(int exit, String out) {}

  private static Run cli(String api, Path token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", api, "--token-file", token.toString()));
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(out), all.toArray(String[]::new));
    return new Run(exit, out.toString());
  }

  /** Queries {@code www.stay.test} one after another until stopped (at most 60 s): every one must be answered NOERROR. */
  private static final class QueryLoop implements AutoCloseable {
    final AtomicInteger answered = new AtomicInteger();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    QueryLoop(Endpoint dns) {
      thread = new Thread(() -> {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        DnsQuery q = DnsQuery.to(dns).udp().timeout(Duration.ofSeconds(2));
        while (!stop.get() && System.nanoTime() < end) {
          try {
            Message r = q.send(DnsQuery.question("www.stay.test.", Type.A));
            if (r.getRcode() != Rcode.NOERROR || r.getSection(org.xbill.DNS.Section.ANSWER).isEmpty()) {
              firstFailure.compareAndSet(null, "answered " + Rcode.string(r.getRcode()) + ": " + r);
            } else {
              answered.incrementAndGet();
            }
          } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, "no answer: " + e);
          }
        }
      }, "query-loop");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join(5000);
    }
  }

  @Test
  void zonesAddedRemovedAndChangedBySighupAndReloadConfigWithQueriesFlowing() throws Exception {
    TsigKey key = TsigKey.generate("xfr-key");
    String wrongSecret = TsigKey.generate("xfr-key").secret();
    Path stay = TestZones.write(tmp, "stay.test", 1);
    Path leave = TestZones.write(tmp, "leave.test", 1);
    Path fresh = TestZones.write(tmp, "fresh.test", 7);
    Path secondaryData = TestZones.write(tmp.resolve("knot"), "sec.test", 42, "only-at-knot TXT \"from knot\"");
    Endpoint dns = Endpoint.freeLoopback();
    int apiPort = Endpoint.freeLoopback().port();
    String api = "http://127.0.0.1:" + apiPort;
    try (KnotPeer knot = KnotPeer.builder().primary(PrimaryZone.of("sec.test", secondaryData).allowTransfer(Acl.key(key))).start()) {
      // retry-min 10m: after the failed first transfer, the next try would be 10 minutes away
      String secondary = "  - { name: sec.test, type: secondary, primaries: [\"" + knot.endpoint() + " key xfr-key\"],"
          + " timers: { retry-min: 10m } }";
      Path config = writeConfig(dns, apiPort, wrongSecret, zones(
          "  - { name: stay.test, file: " + stay + " }",
          "  - { name: leave.test, file: " + leave + " }",
          secondary));
      try (TandemProcess tandem = TandemProcess.builder().config(config, dns).awaitZone("stay.test").start()) {
        ApiHttp.at(api).awaitUp(Duration.ofSeconds(10));
        Path token = tmp.resolve("data/api.token"); // data-dir is relative to the config file
        tandem.awaitLog("the primary rejected our TSIG signature (BADSIG): the secret of key xfr-key. differs between this server"
            + " and the primary", Duration.ofSeconds(20));
        assertThat(tandem.serial("sec.test")).as("not transferred with the wrong secret").isEqualTo(-1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transfers.axfr(dns, "stay.test", null, Duration.ofSeconds(5)))
            .as("stay.test: no allow-transfer yet").hasMessageContaining("REFUSED");

        try (QueryLoop queries = new QueryLoop(dns)) {
          Wait.until(Duration.ofSeconds(10), () -> queries.answered.get() > 20, () -> "the query loop does not run");
          writeConfig(dns, apiPort, key.secret(), zones(
              "  - { name: stay.test, file: " + stay + ", allow-transfer: [127.0.0.1] }",
              "  - { name: fresh.test, file: " + fresh + " }",
              secondary));
          tandem.sighup();
          tandem.awaitLog("reload: configuration re-read: zones added: fresh.test.; zones removed: leave.test.;"
              + " zones changed: stay.test. (allow-transfer); keys changed: xfr-key.", Duration.ofSeconds(20));

          assertThat(DnsQuery.to(dns).send(DnsQuery.question("www.fresh.test.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
          assertThat(DnsQuery.to(dns).send(DnsQuery.question("www.leave.test.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);
          assertThat(Transfers.axfr(dns, "stay.test", null, Duration.ofSeconds(5))).as("allow-transfer applied").isNotEmpty();
          // the corrected secret is used at once, not at the retry 10 minutes away
          tandem.awaitLog("zone sec.test.: a key of its primaries changed; refreshing now", Duration.ofSeconds(10));
          tandem.awaitSerial("sec.test", 42, Duration.ofSeconds(60));
          int before = queries.answered.get();
          Wait.until(Duration.ofSeconds(10), () -> queries.answered.get() > before + 50, () -> "the query loop stalled");
          queries.close();
          assertThat(queries.firstFailure.get()).as("a query to an unchanged zone went unanswered").isNull();
        }

        // tandem reload --config: take fresh.test out with --purge, put leave.test back (its data was kept)
        writeConfig(dns, apiPort, key.secret(), zones(
            "  - { name: stay.test, file: " + stay + ", allow-transfer: [127.0.0.1] }",
            "  - { name: leave.test, file: " + leave + " }",
            secondary));
        Run reload = cli(api, token, "reload", "--config", "--purge");
        assertThat(reload.exit()).as(reload.out()).isZero();
        assertThat(reload.out()).startsWith("configuration: zones added: leave.test.; zones removed: fresh.test.\n");
        tandem.awaitLog("zone leave.test.: back in the configuration; the data kept since it was taken out is used again",
            Duration.ofSeconds(5));
        tandem.awaitLog("zone fresh.test.: removed from the configuration; no longer served, its data deleted (purge)",
            Duration.ofSeconds(5));
        assertThat(DnsQuery.to(dns).send(DnsQuery.question("www.leave.test.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(DnsQuery.to(dns).send(DnsQuery.question("www.fresh.test.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);

        Run unchanged = cli(api, token, "reload", "--config");
        assertThat(unchanged.out()).startsWith("configuration: configuration unchanged\n");

        Run retransfer = cli(api, token, "zone", "retransfer", "sec.test");
        assertThat(retransfer.out()).isEqualTo("full transfer (AXFR) of sec.test. started; see `tandem zone show sec.test.`\n");
        tandem.awaitLog("repaired by AXFR from", Duration.ofSeconds(20));
        assertThat(cli(api, token, "zone", "refresh", "sec.test").out()).startsWith("refresh of sec.test. started");
        assertThat(cli(api, token, "zone", "notify", "stay.test").out()).isEqualTo("NOTIFY for stay.test. serial 1 sent\n");
        assertThat(cli(api, token, "zone", "retransfer", "stay.test").exit()).as("not a secondary").isEqualTo(1);

        // a configuration that cannot be used changes nothing, and says why
        Files.writeString(config, Files.readString(config).replace("zones:", "zonez:"));
        Run broken = cli(api, token, "reload", "--config");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("problem: " + config + ":").contains("unknown key 'zonez'");
        assertThat(DnsQuery.to(dns).send(DnsQuery.question("www.stay.test.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(tandem.isAlive()).isTrue();
      }
    }
  }
}
