package org.tandemdns.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.cli.Main;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.NsdPeer;
import org.tandemdns.testing.PeerProcess;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.TsigKey;
import picocli.CommandLine;

/**
 * {@code tandem check} against real BIND, Knot and NSD on loopback serving the same zone, written
 * differently for each, then with one server lagging, one drifted, one stopped and one refusing
 * AXFR: the check must report exactly those differences, with the right exit code.
 */
class CheckAgainstPeersIT {

  @TempDir Path tmp;

  /** The zone as the reference writes it: relative names, lower case, one TXT string per line. */
  static String zone(long serial, String... extra) {
    StringBuilder z = new StringBuilder("""
        $ORIGIN example.test.
        $TTL 300
        @        SOA   ns1 hostmaster %d 3600 600 86400 300
        @        NS    ns1
        @        NS    ns2
        @        MX    10 mail
        ns1      A     127.0.0.1
        ns2      A     127.0.0.2
        ns2      AAAA  2001:db8::53
        mail     A     192.0.2.25
        www      A     192.0.2.1
        www      AAAA  2001:db8::1
        alias    CNAME www
        spf      TXT   "v=spf1 ip4:192.0.2.0/24 -all"
        long     TXT   "first part, " "second part"
        sub      NS    ns.sub
        ns.sub   A     192.0.2.53
        """.formatted(serial));
    for (String e : extra) {
      z.append(e).append('\n');
    }
    return z.toString();
  }

  /** The same data spelled otherwise: absolute upper-case names, TTL units, full IPv6, TXT split elsewhere. */
  static String zoneRespelled(long serial) {
    return """
        $TTL 5m
        EXAMPLE.TEST.          IN SOA NS1.Example.Test. HostMaster.EXAMPLE.test. ( %d 1h 10m 1d 5m )
        EXAMPLE.TEST.       5m IN NS   NS2.EXAMPLE.TEST.
        EXAMPLE.TEST.      300 IN NS   ns1.example.test.
        example.test.          IN MX   10 MAIL.example.test.
        NS1.EXAMPLE.TEST.      IN A    127.0.0.1
        ns2.example.test.      IN AAAA 2001:0db8:0000:0000:0000:0000:0000:0053
        ns2.example.test.      IN A    127.0.0.2
        Mail.Example.Test.     IN A    192.0.2.25
        WWW.example.test.      IN AAAA 2001:DB8:0:0::1
        WWW.example.test.      IN A    192.0.2.1
        Alias.example.test.    IN CNAME WWW.EXAMPLE.TEST.
        spf.example.test.      IN TXT  "v=spf1 ip4:192.0.2.0/24" " -all"
        long.example.test.     IN TXT  "first part, second part"
        SUB.example.test.      IN NS   NS.SUB.EXAMPLE.TEST.
        ns.sub.example.test.   IN A    192.0.2.53
        """.formatted(serial);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  private static PrimaryZone axfrAllowed(Path file) {
    return PrimaryZone.of("example.test", file).allowTransfer(Acl.any());
  }

  private record Run(int exit, String out) {}

  private static Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("check", "example.test", "--timeout", "1s"));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out + err.toString());
  }

  private static String ns(String name, PeerProcess p) {
    return name + "=" + p.endpoint();
  }

  @Test
  void sameZoneWrittenDifferentlyOnBindKnotAndNsdIsConsistent() throws IOException {
    Path reference = write("reference.zone", zone(2));
    Path respelled = write("respelled.zone", zoneRespelled(2));
    try (BindPeer bind = BindPeer.builder().primary(axfrAllowed(respelled)).start();
        KnotPeer knot = KnotPeer.builder().primary(axfrAllowed(reference)).start();
        NsdPeer nsd = NsdPeer.builder().primary(axfrAllowed(respelled)).start()) {
      Run run = check("--ns", ns("bind", bind), "--ns", ns("knot", knot), "--ns", ns("nsd", nsd), "--expect", reference.toString());
      assertThat(run.out()).contains("Drift: none").contains("Result: consistent (exit 0)").doesNotContain("TTL differences");
      assertThat(run.exit()).as(run.out()).isZero();
    }
  }

  @Test
  void reportsExactlyTheLaggingDriftedStoppedAndAxfrRefusingServers() throws IOException {
    Path current = write("current.zone", zone(2));
    Path older = write("older.zone", zone(1));
    Path drifted = write("drifted.zone",
        zone(2).replace("www      A     192.0.2.1", "www      A     192.0.2.99") + "extra TXT \"not in the reference\"\n");
    BindPeer stopped = BindPeer.builder().primary(axfrAllowed(current)).start();
    String stoppedAddress = stopped.endpoint().toString();
    stopped.close();
    try (KnotPeer good = KnotPeer.builder().primary(axfrAllowed(current)).start();
        BindPeer lagging = BindPeer.builder().primary(axfrAllowed(older)).start();
        NsdPeer drifting = NsdPeer.builder().primary(axfrAllowed(drifted)).start();
        KnotPeer refusing = KnotPeer.builder().primary(PrimaryZone.of("example.test", current)).start()) {
      List<String> args = List.of("--ns", ns("good", good), "--ns", ns("lagging", lagging), "--ns", ns("drifting", drifting),
          "--ns", ns("refusing", refusing));

      CheckReport report = jsonCheck(args, "--ns", "stopped=" + stoppedAddress);
      assertThat(report.exitCode()).isEqualTo(CheckReport.UNREACHABLE_OR_LAME);
      assertThat(report.reference().source()).isEqualTo("majority");
      assertThat(report.reference().description()).startsWith("good ").endsWith("agreed by 3 of 4 servers (1 read by queries)");
      assertThat(report.newestSerial()).isEqualTo(2L);

      NameserverReport g = server(report, "good");
      assertThat(g.health()).isEqualTo(Health.OK);
      assertThat(g.lag()).isZero();
      assertThat(g.content()).isEqualTo("reference");
      assertThat(g.differences()).isEmpty();

      NameserverReport l = server(report, "lagging");
      assertThat(l.health()).isEqualTo(Health.OK);
      assertThat(l.serial()).isEqualTo(1L);
      assertThat(l.lag()).isEqualTo(1L);
      assertThat(l.content()).isEqualTo("axfr");
      assertThat(l.differences()).isEmpty();

      NameserverReport d = server(report, "drifting");
      assertThat(d.health()).isEqualTo(Health.OK);
      assertThat(d.lag()).isZero();
      assertThat(d.differences())
          .extracting(Difference::owner, Difference::type, Difference::kind, Difference::expected, Difference::actual)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("extra.example.test.", "TXT", "unexpected", List.of(), List.of("\"not in the reference\"")),
              org.assertj.core.groups.Tuple.tuple("www.example.test.", "A", "changed", List.of("192.0.2.1"), List.of("192.0.2.99")));

      NameserverReport r = server(report, "refusing");
      assertThat(r.health()).isEqualTo(Health.OK);
      assertThat(r.lag()).isZero();
      assertThat(r.content()).isEqualTo("queries");
      assertThat(r.contentDetail()).startsWith("AXFR refused");
      assertThat(r.unverified()).isZero();
      assertThat(r.differences()).isEmpty();

      NameserverReport s = server(report, "stopped");
      assertThat(s.health()).isEqualTo(Health.UNREACHABLE);
      assertThat(s.reachable()).isEqualTo("no");
      assertThat(s.serial()).isNull();

      assertThat(report.nameservers()).hasSize(5);

      Run text = check(args.toArray(String[]::new));
      assertThat(text.exit()).as(text.out()).isEqualTo(CheckReport.DRIFT_OR_LAG);
      assertThat(text.out())
          .contains("Drift: 2 RRsets differ from the reference")
          .contains("drifting " + drifting.endpoint() + ": different value: has 192.0.2.99; reference has 192.0.2.1")
          .contains("drifting " + drifting.endpoint() + ": present here only: \"not in the reference\"")
          .contains("Result: drift or lag (exit 1)");
    }
  }

  /**
   * Issue 15, item 5: only NSD allows AXFR and only NSD is different. Knot and BIND, read by
   * queries, outvote it; they used to have no vote, so NSD became the reference and they were
   * reported as drifted.
   */
  @Test
  void serversReadByQueriesVoteSoTheOddAxfrServerIsTheOneBlamed() throws IOException {
    Path current = write("current.zone", zone(2));
    Path odd = write("odd.zone", zone(2).replace("www      A     192.0.2.1", "www      A     192.0.2.99"));
    try (NsdPeer nsd = NsdPeer.builder().primary(axfrAllowed(odd)).start();
        KnotPeer knot = KnotPeer.builder().primary(PrimaryZone.of("example.test", current)).start();
        BindPeer bind = BindPeer.builder().primary(PrimaryZone.of("example.test", current)).start()) {
      List<String> args = List.of("--ns", ns("nsd", nsd), "--ns", ns("knot", knot), "--ns", ns("bind", bind));
      CheckReport report = jsonCheck(args);

      assertThat(report.reference().description()).startsWith("knot ").contains("agreed by 2 of 3 servers");
      assertThat(server(report, "nsd").differences())
          .extracting(Difference::owner, Difference::kind, Difference::expected, Difference::actual)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("www.example.test.", "changed", List.of("192.0.2.1"), List.of("192.0.2.99")));
      assertThat(server(report, "knot").differences()).isEmpty();
      assertThat(server(report, "bind").differences()).isEmpty();
      assertThat(server(report, "bind").content()).isEqualTo("queries");
      assertThat(report.exitCode()).isEqualTo(CheckReport.DRIFT_OR_LAG);
    }
  }

  /** Issue 15, item 5: one against one with the same serial is a tie, said as such, whatever the argument order. */
  @Test
  void aTieIsReportedAsNoMajorityAndBlamesNobody() throws IOException {
    Path current = write("current.zone", zone(2));
    Path odd = write("odd.zone", zone(2).replace("www      A     192.0.2.1", "www      A     192.0.2.99"));
    try (NsdPeer nsd = NsdPeer.builder().primary(axfrAllowed(odd)).start();
        KnotPeer knot = KnotPeer.builder().primary(axfrAllowed(current)).start()) {
      for (List<String> args : List.of(List.of("--ns", ns("nsd", nsd), "--ns", ns("knot", knot)),
          List.of("--ns", ns("knot", knot), "--ns", ns("nsd", nsd)))) {
        CheckReport report = jsonCheck(args);
        assertThat(report.reference().noMajority()).isTrue();
        assertThat(report.reference().problem()).startsWith("1 against 1, same serial, different data (");
        assertThat(report.nameservers()).allSatisfy(s -> {
          assertThat(s.content()).isEqualTo("none");
          assertThat(s.drifted()).isZero();
        });
        assertThat(report.exitCode()).isEqualTo(CheckReport.DRIFT_OR_LAG);

        Run text = check(args.toArray(String[]::new));
        assertThat(text.out()).contains("Reference: majority: no majority (1 against 1")
            .contains("give --expect FILE or --expect-from ADDR").contains("Result: drift or lag (exit 1)");
      }
    }
  }

  @Test
  void serverThatRefusesAxfrIsComparedByQueriesAgainstTheExpectedFile() throws IOException {
    Path reference = write("reference.zone", zone(2));
    Path changed = write("changed.zone", zone(2).replace("mail     A     192.0.2.25", "mail     A     192.0.2.26"));
    try (NsdPeer nsd = NsdPeer.builder().primary(PrimaryZone.of("example.test", changed)).start();
        BindPeer bind = BindPeer.builder().primary(PrimaryZone.of("example.test", reference)).start()) {
      CheckReport report = jsonCheck(List.of("--ns", ns("nsd", nsd), "--ns", ns("bind", bind), "--expect", reference.toString()));
      assertThat(report.reference().source()).isEqualTo("file");
      assertThat(server(report, "bind").content()).isEqualTo("queries");
      assertThat(server(report, "bind").differences()).isEmpty();
      assertThat(server(report, "nsd").content()).isEqualTo("queries");
      assertThat(server(report, "nsd").differences())
          .extracting(Difference::owner, Difference::kind, Difference::actual)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("mail.example.test.", "changed", List.of("192.0.2.26")));
      assertThat(report.exitCode()).isEqualTo(CheckReport.DRIFT_OR_LAG);
    }
  }

  @Test
  void transferProtectedByTsigSucceedsWithTheKeyAndIsRefusedWithoutIt() throws IOException {
    Path current = write("current.zone", zone(2));
    TsigKey key = TsigKey.generate("xfr-key");
    try (BindPeer bind = BindPeer.builder().primary(PrimaryZone.of("example.test", current).allowTransfer(Acl.key(key))).start();
        KnotPeer knot = KnotPeer.builder().primary(PrimaryZone.of("example.test", current).allowTransfer(Acl.key(key))).start()) {
      List<String> servers = List.of("--ns", ns("bind", bind), "--ns", ns("knot", knot), "--expect", current.toString());
      CheckReport signed = jsonCheck(servers, "--key", key.name() + ":" + key.algorithm() + ":" + key.secret());
      assertThat(signed.nameservers()).extracting(NameserverReport::content).containsExactly("axfr", "axfr");
      assertThat(signed.exitCode()).isEqualTo(CheckReport.CONSISTENT);

      CheckReport unsigned = jsonCheck(servers);
      assertThat(unsigned.nameservers()).extracting(NameserverReport::content).containsExactly("queries", "queries");
      assertThat(unsigned.nameservers()).allSatisfy(s -> assertThat(s.contentDetail()).startsWith("AXFR refused"));
      assertThat(unsigned.exitCode()).isEqualTo(CheckReport.CONSISTENT);
    }
  }

  @Test
  void delegationAtTheParentIsComparedWithTheZonesNsAndGlue() throws IOException {
    Path child = write("child.zone", zone(2));
    Path parent = write("parent.zone", """
        $ORIGIN test.
        $TTL 300
        @    SOA ns.test. hostmaster.test. 1 3600 600 86400 300
        @    NS  ns.test.
        ns   A   127.0.0.1
        example      NS  ns1.example
        example      NS  ns3.example
        ns1.example  A   127.0.0.9
        ns3.example  A   127.0.0.3
        """);
    try (KnotPeer zoneServer = KnotPeer.builder().primary(axfrAllowed(child)).start();
        NsdPeer parentServer = NsdPeer.builder().primary(PrimaryZone.of("test", parent)).start()) {
      CheckReport report = jsonCheck(List.of("--ns", ns("knot", zoneServer), "--parent", parentServer.endpoint().toString()));
      DelegationReport d = report.delegation();
      assertThat(d.problem()).isNull();
      assertThat(d.parentNs()).containsExactly("ns1.example.test.", "ns3.example.test.");
      assertThat(d.zoneNs()).containsExactly("ns1.example.test.", "ns2.example.test.");
      assertThat(d.onlyAtParent()).containsExactly("ns3.example.test.");
      assertThat(d.onlyInZone()).containsExactly("ns2.example.test.");
      assertThat(d.glueMismatches()).containsExactly("ns1.example.test. glue 127.0.0.9, zone 127.0.0.1", "ns3.example.test. glue 127.0.0.3, zone (none)");
      assertThat(report.exitCode()).isEqualTo(CheckReport.DRIFT_OR_LAG);
    }
  }

  private static CheckReport jsonCheck(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    all.add("--json");
    Run run = check(all.toArray(String[]::new));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(run.out(), CheckReport.class);
    } catch (IOException e) {
      throw new AssertionError("not a JSON report: " + run.out(), e);
    }
  }

  private static NameserverReport server(CheckReport r, String name) {
    return r.nameservers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
