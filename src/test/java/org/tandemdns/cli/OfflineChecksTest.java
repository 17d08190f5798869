package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 4: {@code tandem check-zone} and {@code tandem check-config}, every finding at once, with file and line. */
class OfflineChecksTest {

  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString() + err);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static final String GOOD = """
      $ORIGIN example.test.
      $TTL 300
      @    SOA ns1 hostmaster 5 3600 600 86400 300
      @    NS  ns1
      @    NS  ns.other.test.
      @    MX  10 mail
      ns1  A   192.0.2.1
      mail A   192.0.2.25
      """;

  @Test
  void aGoodZoneLoadsWithItsSerialAndExitsZero() throws IOException {
    Path zone = write("good.zone", GOOD);
    Run r = run("check-zone", "example.test", zone.toString());
    assertThat(r.out()).isEqualTo("zone example.test.: loaded serial 5, 6 records\nOK\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void everyErrorIsReportedWithItsLineNotOnlyTheFirst() throws IOException {
    Path zone = write("bad.zone", """
        $ORIGIN example.test.
        $TTL 300
        @    SOA ns1 hostmaster 5 3600 600 86400 300
        @    NS  ns1
        www  AX  192.0.2.1
        ftp  A   192.0.2.300
        alias CNAME www
        alias A  192.0.2.3
        ns1  A   192.0.2.1
        $INCLUDE missing.inc
        """);
    Run r = run("check-zone", "example.test.", zone.toString());
    assertThat(r.out()).isEqualTo(String.join("\n",
        zone + ":5: error: unknown record type 'AX' (write unknown types as TYPEnnn with \\# RDATA, RFC 3597)",
        zone + ":6: error: Invalid address: 192.0.2.300",
        zone + ":8: error: alias.example.test. has a CNAME and other data (A); a CNAME must be alone at its name (RFC 1034 §3.6.2)",
        zone + ":10: error: $INCLUDE file " + dir.resolve("missing.inc") + " does not exist",
        "zone example.test.: not loaded: 4 errors", ""));
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void integrityProblemsAreWarningsThatFailOnlyWithStrict() throws IOException {
    Path zone = write("warn.zone", """
        $ORIGIN example.test.
        $TTL 300
        @    SOA ns1 hostmaster 5 3600 600 86400 300
        @    NS  ns1
        @    NS  ns2
        @    MX  10 alias
        ns1  A   192.0.2.1
        alias CNAME ns1
        sub  NS  ns.sub
        _sip._tcp SRV 0 5 5060 sip
        @    MX  0 .
        """);
    Run r = run("check-zone", "example.test", zone.toString());
    assertThat(r.out()).isEqualTo(String.join("\n",
        zone + ":4: warning: example.test. NS ns2.example.test. has no address records (A or AAAA) in the zone",
        zone + ":6: warning: example.test. MX alias.example.test. is a CNAME; MX targets must be canonical names (RFC 2181 §10.3)",
        zone + ":9: warning: delegation sub.example.test. NS ns.sub.example.test. is below the cut and has no glue (A or AAAA);"
            + " resolvers cannot reach it (RFC 1034 §4.2.1)",
        zone + ":10: warning: _sip._tcp.example.test. SRV sip.example.test. has no address records (A or AAAA) in the zone",
        "zone example.test.: loaded serial 5, 9 records, 4 warnings", "OK", ""));
    assertThat(r.exit()).isZero();
    assertThat(run("check-zone", "--strict", "example.test", zone.toString()).exit()).isEqualTo(1);
  }

  @Test
  void aZoneWithoutSoaOrFileIsRefused() throws IOException {
    Path zone = write("nosoa.zone", "$TTL 300\nexample.test. NS ns1.example.test.\n");
    assertThat(run("check-zone", "example.test", zone.toString()).out()).isEqualTo(String.join("\n",
        zone + ": error: no SOA record at the zone apex example.test.", "zone example.test.: not loaded: 1 error", ""));
    Run missing = run("check-zone", "example.test", dir.resolve("absent.zone").toString());
    assertThat(missing.out()).startsWith(dir.resolve("absent.zone") + ": error: cannot read: no such file");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(run("check-zone", "exa mple..", zone.toString()).exit()).isEqualTo(Main.EXIT_USAGE);
    Run quiet = run("check-zone", "-q", "example.test", zone.toString());
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.exit()).isEqualTo(1);
  }

  @Test
  void aGoodConfigAndItsZoneFilesPass() throws IOException {
    write("good.zone", GOOD);
    Path config = write("tandem.yaml", """
        server:
          listen: 127.0.0.1:5399
          data-dir: %s
        zones:
          - name: example.test
            file: good.zone
        """.formatted(dir.resolve("data")));
    Run r = run("check-config", config.toString());
    assertThat(r.out()).isEqualTo(config + ": 1 zone, 0 keys; zone files: 1 of 1 load\nOK\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void everyProblemOfAConfigIsReportedAtOnceInLineOrder() throws IOException {
    write("good.zone", GOOD);
    write("bad.zone", GOOD.replace("mail A   192.0.2.25", "mail A   192.0.2.256"));
    Path config = write("tandem.yaml", """
        server:
          listen: 127.0.0.1:5399
          data-dir: %s
          lisen: 127.0.0.1:5300
        keys:
          - name: xfr-key
            algorithm: hmac-sha256
            secret-file: %s
        zones:
          - name: example.test
            file: bad.zone
            allow-transfer: [ "key undefined-key" ]
            notfy: [ 127.0.0.1:5301 ]
          - name: example.org
            file: good.zone
        """.formatted(dir.resolve("data"), dir.resolve("no-such-secret")));
    Run r = run("check-config", config.toString());
    assertThat(r.out()).isEqualTo(String.join("\n",
        config + ":4: error: unknown key 'lisen' in server (known keys: cookie-secret, data-dir, dnssec-expiry-warning, io-threads, listen,"
            + " max-tcp-connections, max-tcp-connections-per-client, max-transfers-in, max-transfers-out, rate-limit, tcp-idle-timeout,"
            + " tcp-message-timeout)",
        config + ":8: error: keys[0].secret-file: cannot read " + dir.resolve("no-such-secret") + " (NoSuchFileException)",
        config + ":12: error: zones[0].allow-transfer[0]: key undefined-key. is not defined under 'keys:'",
        config + ":13: error: unknown key 'notfy' in zones[0] (known keys: allow-notify, allow-transfer, allow-update, catalog, dnssec, file,"
            + " journal-max-bytes, journal-max-entries, members, name, notify, notify-ns, primaries, produces-catalog, push-to, serial-policy, timers,"
            + " transfer-limits, type)",
        dir.resolve("bad.zone") + ":8: error: Invalid address: 192.0.2.256",
        dir.resolve("good.zone") + ": error: no SOA record at the zone apex example.org.",
        dir.resolve("good.zone") + ": error: no NS records at the zone apex example.org.",
        dir.resolve("good.zone") + ":3: warning: example.test. SOA is outside zone example.org.; ignored",
        dir.resolve("good.zone") + ":4: warning: example.test. NS is outside zone example.org.; ignored",
        dir.resolve("good.zone") + ":5: warning: example.test. NS is outside zone example.org.; ignored",
        dir.resolve("good.zone") + ":6: warning: example.test. MX is outside zone example.org.; ignored",
        dir.resolve("good.zone") + ":7: warning: ns1.example.test. A is outside zone example.org.; ignored",
        dir.resolve("good.zone") + ":8: warning: mail.example.test. A is outside zone example.org.; ignored",
        config + ": 2 zones, 0 keys; zone files: 0 of 2 load; 6 warnings",
        "7 errors; FAILED", ""));
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void serveRefusesTheSameConfigNamingEveryProblem() throws IOException {
    Path config = write("tandem.yaml", """
        keys:
          - name: xfr-key
            algorithm: hmac-sha256
            secret-file: %s
        zones:
          - name: example.test
            type: secondary
            primaries: [ "127.0.0.1:5301 key other-key" ]
        """.formatted(dir.resolve("no-such-secret")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new org.tandemdns.config.ConfigLoader().load(config))
        .hasMessage(config + ":4: keys[0].secret-file: cannot read " + dir.resolve("no-such-secret") + " (NoSuchFileException)\n"
            + config + ":8: zones[0].primaries[0]: key other-key. is not defined under 'keys:'");
  }

  @Test
  void masterAndSlaveAreReadAsPrimaryAndSecondary() throws Exception {
    write("good.zone", GOOD);
    Path config = write("tandem.yaml", """
        zones:
          - name: example.test
            type: master
            file: good.zone
          - name: example.org
            type: slave
            primaries: [ 127.0.0.1:5301 ]
        """);
    org.tandemdns.config.TandemConfig c = new org.tandemdns.config.ConfigLoader().load(config);
    assertThat(c.zones()).extracting(org.tandemdns.config.ZoneConfig::type)
        .containsExactly(org.tandemdns.config.ZoneType.PRIMARY, org.tandemdns.config.ZoneType.SECONDARY);
  }
}
