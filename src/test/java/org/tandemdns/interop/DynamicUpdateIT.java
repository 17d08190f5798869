package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.ServerProcess;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * RFC 2136 dynamic update with the real clients, {@code nsupdate} (BIND) and {@code knsupdate}
 * (Knot), signed with TSIG, against a Tandem started from the packaged jar: adds, single-record,
 * RRset and name deletes, over UDP and TCP, each followed by a BIND secondary of Tandem by IXFR
 * (BIND, at debug level 3, logs "got incremental response"; Tandem logs the IXFR it served with
 * the serials and BIND's key). Then everything that must be refused, each with its RFC rcode, and
 * nothing changes: failed prerequisites (NXDOMAIN, YXDOMAIN, NXRRSET, YXRRSET), a bad TSIG MAC or
 * an unknown key (NOTAUTH), an unsigned update or one from another address (REFUSED, allow-update),
 * an update of a zone read from a file (REFUSED) and of a secondary (NOTAUTH).
 */
class DynamicUpdateIT {
  private static final String ZONE = "dyn.test";
  private static final Duration PROPAGATION = Duration.ofSeconds(20);
  private static final String ADMIN = "dynamic-update-it-admin-token";

  @TempDir Path tmp;

  @Test
  void nsupdateAndKnsupdateChangeTheZoneAndBindFollowsEachChangeByIxfr() throws IOException {
    TsigKey updateKey = TsigKey.generate("upd-key");
    TsigKey bindKey = TsigKey.generate("bind-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    int apiPort = Ports.allocate();
    Path config = writeConfig(tandemAt, apiPort, bindAt, updateKey, bindKey);

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("file.test").start()) {
      ApiHttp api = ApiHttp.at("http://127.0.0.1:" + apiPort).token(ADMIN).awaitUp(Duration.ofSeconds(10));
      ApiHttp.Reply created = api.post("/api/v1/zones", """
          {"name": "dyn.test", "records": [
            {"name": "@", "type": "SOA", "ttl": 300, "records": ["ns1 hostmaster 1 3600 600 86400 300"]},
            {"name": "@", "type": "NS", "ttl": 300, "records": ["ns1"]},
            {"name": "ns1", "type": "A", "ttl": 300, "records": ["192.0.2.53"]},
            {"name": "www", "type": "A", "ttl": 300, "records": ["192.0.2.1"]}]}""");
      assertThat(created.status()).as("%s", created).isEqualTo(201);

      try (BindPeer bind = BindPeer.debugBuilder(3).listen(bindAt)
          .secondary(SecondaryZone.of(ZONE, tandemAt, bindKey)).start()) {
        List<ServerProcess> both = List.of(tandem, bind);
        assertThat(bind.serial(ZONE)).isEqualTo(1);

        // 1. nsupdate over UDP: two additions in one message
        nsupdate(tandemAt, updateKey, false, "update add mail.dyn.test 300 A 192.0.2.25", "update add dyn.test 300 MX 10 mail.dyn.test")
            .requireOk();
        followedByIxfr(tandem, bind, 1, 2, 1);
        for (ServerProcess s : both) {
          assertThat(rdata(s, "mail.dyn.test", Type.A)).as("%s", s).containsExactly("192.0.2.25");
          assertThat(rdata(s, "dyn.test", Type.MX)).as("%s", s).containsExactly("10 mail.dyn.test.");
        }

        // 2. knsupdate: a passing prerequisite, one record of an RRset replaced, a TXT added
        knsupdate(tandemAt, updateKey, "prereq yxdomain ns1.dyn.test.", "update delete www.dyn.test. A 192.0.2.1",
            "update add www.dyn.test. 300 A 192.0.2.2", "update add txt.dyn.test. 300 TXT \"from knsupdate\"").requireOk();
        followedByIxfr(tandem, bind, 2, 3, 2);
        for (ServerProcess s : both) {
          assertThat(rdata(s, "www.dyn.test", Type.A)).as("%s", s).containsExactly("192.0.2.2");
          assertThat(rdata(s, "txt.dyn.test", Type.TXT)).as("%s", s).containsExactly("\"from knsupdate\"");
        }

        // 3. nsupdate over TCP: an RRset delete
        nsupdate(tandemAt, updateKey, true, "update delete www.dyn.test A").requireOk();
        followedByIxfr(tandem, bind, 3, 4, 3);
        for (ServerProcess s : both) {
          assertThat(rcode(s, "www.dyn.test", Type.A)).as("%s", s).isEqualTo(Rcode.NXDOMAIN);
        }

        // 4. knsupdate: a whole name deleted
        knsupdate(tandemAt, updateKey, "update delete mail.dyn.test.").requireOk();
        followedByIxfr(tandem, bind, 4, 5, 4);
        for (ServerProcess s : both) {
          assertThat(rcode(s, "mail.dyn.test", Type.A)).as("%s", s).isEqualTo(Rcode.NXDOMAIN);
          assertThat(rdata(s, "txt.dyn.test", Type.TXT)).as("%s", s).containsExactly("\"from knsupdate\"");
        }
        assertThat(api.get("/api/v1/zones/dyn.test/rrsets?name=txt").json().get("serial").asLong()).isEqualTo(5);
        assertThat(TandemLog.count(bind.log(), "got nonincremental response")).as("only the first copy, by AXFR").isEqualTo(1);

        // each UPDATE is in the zone's history with its TSIG key and address, newest first
        com.fasterxml.jackson.databind.JsonNode history = api.get("/api/v1/zones/dyn.test/history").json().get("history");
        assertThat(history).extracting(h -> h.get("serial-from").asLong() + "->" + h.get("serial-to").asLong())
            .containsExactly("4->5", "3->4", "2->3", "1->2");
        for (com.fasterxml.jackson.databind.JsonNode h : history) {
          assertThat(h.get("via").asText() + " " + h.get("who").asText() + " " + h.get("address").asText())
              .isEqualTo("update key upd-key. 127.0.0.1");
        }
        assertThat(history.get(3).get("added").toString()).contains("mail.dyn.test.").contains("192.0.2.25");
        assertThat(history.get(0).get("deleted").toString()).contains("mail.dyn.test.");
      }
    }
  }

  @Test
  void refusedUpdatesGetTheirRfcRcodeAndChangeNothing() throws IOException {
    TsigKey updateKey = TsigKey.generate("upd-key");
    TsigKey wrongSecret = new TsigKey("upd-key", "hmac-sha256", TsigKey.generate("x").secret());
    TsigKey unknownKey = TsigKey.generate("nobody-key");
    Endpoint tandemAt = Endpoint.freeLoopback();
    int apiPort = Ports.allocate();
    Path config = writeConfig(tandemAt, apiPort, Endpoint.freeLoopback(), updateKey, TsigKey.generate("bind-key"));

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("file.test").start()) {
      ApiHttp api = ApiHttp.at("http://127.0.0.1:" + apiPort).token(ADMIN).awaitUp(Duration.ofSeconds(10));
      assertThat(api.post("/api/v1/zones", "{\"name\": \"dyn.test\", \"nameservers\": [\"ns1.dyn.test.\"]}").status()).isEqualTo(201);
      nsupdate(tandemAt, updateKey, false, "update add www.dyn.test 300 A 192.0.2.1").requireOk();
      assertThat(tandem.serial(ZONE)).isEqualTo(2);

      // prerequisites (RFC 2136 §3.2), with nsupdate's and knsupdate's own ways of saying it
      assertFails(nsupdate(tandemAt, updateKey, false, "prereq yxdomain nope.dyn.test", "update add x.dyn.test 300 A 192.0.2.9"),
          "update failed: NXDOMAIN");
      assertFails(knsupdate(tandemAt, updateKey, "prereq nxdomain www.dyn.test.", "update add x.dyn.test. 300 A 192.0.2.9"),
          "update failed with error 'YXDOMAIN'");
      assertFails(nsupdate(tandemAt, updateKey, false, "prereq yxrrset www.dyn.test AAAA", "update add x.dyn.test 300 A 192.0.2.9"),
          "update failed: NXRRSET");
      assertFails(knsupdate(tandemAt, updateKey, "prereq nxrrset www.dyn.test. A", "update add x.dyn.test. 300 A 192.0.2.9"),
          "update failed with error 'YXRRSET'");
      // TSIG (RFC 8945 §5.2): NOTAUTH with the TSIG error
      assertFails(nsupdate(tandemAt, wrongSecret, false, "update add x.dyn.test 300 A 192.0.2.9"), "update failed: NOTAUTH(BADSIG)");
      assertFails(knsupdate(tandemAt, wrongSecret, "update add x.dyn.test. 300 A 192.0.2.9"), "status: BADSIG");
      assertFails(nsupdate(tandemAt, unknownKey, false, "update add x.dyn.test 300 A 192.0.2.9"), "update failed: NOTAUTH(BADKEY)");
      // a TTL with the top bit set (RFC 2181 §8) is refused: stored, it would take the zone down at the next restart
      assertFails(knsupdate(tandemAt, updateKey, "update add kbad.dyn.test. 4294967295 A 192.0.2.9"),
          "update failed with error 'FORMERR'");
      assertFails(knsupdate(tandemAt, updateKey, "update add x.dyn.test. 2147483648 A 192.0.2.9"),
          "update failed with error 'FORMERR'"); // nsupdate refuses to send either
      // allow-update is "127.0.0.1 key upd-key": unsigned, or from another address, is REFUSED
      assertFails(nsupdate(tandemAt, null, false, "update add x.dyn.test 300 A 192.0.2.9"), "update failed: REFUSED");
      assertFails(nsupdate(tandemAt, updateKey, false, "local 127.0.0.2", "update add x.dyn.test 300 A 192.0.2.9"),
          "update failed: REFUSED");
      // a zone read from a file (a reload would undo the update) and a secondary
      assertFails(nsupdateZone(tandemAt, updateKey, "file.test", "update add x.file.test 300 A 192.0.2.9"), "update failed: REFUSED");
      assertFails(nsupdateZone(tandemAt, updateKey, "sec.test", "update add x.sec.test 300 A 192.0.2.9"), "update failed: NOTAUTH");

      assertThat(tandem.serial(ZONE)).isEqualTo(2);
      assertThat(rcode(tandem, "x.dyn.test", Type.A)).isEqualTo(Rcode.NXDOMAIN);
      assertThat(rcode(tandem, "x.file.test", Type.A)).isEqualTo(Rcode.NXDOMAIN);
      String log = tandem.log();
      assertThat(log).contains("result=NXDOMAIN reason=\"NXDOMAIN: name nope.dyn.test. is not in use\"")
          .contains("result=YXDOMAIN").contains("result=NXRRSET").contains("result=YXRRSET")
          .contains("TSIG BADSIG").contains("TSIG BADKEY")
          .contains("from=127.0.0.2:").contains("result=REFUSED reason=\"not allowed by allow-update\"")
          .contains("update zone=file.test.").contains("result=REFUSED reason=\"the zone is read from a file")
          .contains("update zone=sec.test.").contains("result=NOTAUTH")
          .contains("result=FORMERR reason=\"FORMERR: TTL 4294967295 of kbad.dyn.test. A is out of range (0 to 2147483647, RFC 2181 §8)\"");
    }
    // nothing unreadable was stored: after a restart the zone is served as before
    try (TandemProcess again = TandemProcess.builder().config(config, tandemAt).awaitZone("file.test").start()) {
      Wait.until(Duration.ofSeconds(10), () -> again.serial(ZONE) == 2, () -> "dyn.test not served at serial 2 after a restart");
      assertThat(rcode(again, "www.dyn.test", Type.A)).isEqualTo(Rcode.NOERROR);
      assertThat(again.log()).doesNotContain("cannot read the stored version");
    }
  }

  /** A tandem.yaml: dyn.test managed (no file) with allow-update and a BIND secondary; file.test from a file; sec.test a secondary. */
  private Path writeConfig(Endpoint tandemAt, int apiPort, Endpoint bindAt, TsigKey updateKey, TsigKey bindKey) throws IOException {
    Files.writeString(tmp.resolve("file.test.zone"), "$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.53\n");
    return Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        api:
          listen: "127.0.0.1:%d"
          tokens: [{name: it, secret: "%s", role: admin}]
        keys:
          - {name: %s, algorithm: hmac-sha256, secret: "%s"}
          - {name: %s, algorithm: hmac-sha256, secret: "%s"}
        zones:
          - name: dyn.test
            serial-policy: increment
            allow-update: ["127.0.0.1 key %s"]
            allow-transfer: ["127.0.0.1 key %s"]
            notify-ns: false
            notify: ["%s key %s"]
          - name: file.test
            file: "%s"
            notify-ns: false
            allow-update: ["127.0.0.1 key %s"]
          - name: sec.test
            type: secondary
            primaries: ["127.0.0.1:%d"]
        """.formatted(tandemAt, tmp.resolve("data"), apiPort, ADMIN, updateKey.name(), updateKey.secret(), bindKey.name(),
        bindKey.secret(), updateKey.name(), bindKey.name(), bindAt, bindKey.name(), tmp.resolve("file.test.zone"), updateKey.name(),
        Ports.allocate()));
  }

  /**
   * After a change from {@code from} to {@code to}: BIND serves {@code to}, logged its
   * {@code incremental}-th incremental transfer, and Tandem logged exactly one IXFR from→to to BIND's key.
   */
  private static void followedByIxfr(TandemProcess tandem, BindPeer bind, long from, long to, int incremental) {
    assertThat(tandem.serial(ZONE)).isEqualTo(to);
    bind.awaitSerial(ZONE, to, PROPAGATION);
    Wait.until(PROPAGATION, () -> TandemLog.count(bind.log(), "got incremental response") == incremental,
        () -> "BIND logged " + TandemLog.count(bind.log(), "got incremental response") + " incremental transfers, not " + incremental);
    assertThat(TandemLog.matches(tandem.log(), TandemLog.completed(ZONE, "IXFR", "127.0.0.1", "bind-key.", from + "->" + to)))
        .as("Tandem's IXFR %d->%d to BIND", from, to).hasSize(1);
  }

  private static CommandResult nsupdate(Endpoint server, TsigKey key, boolean tcp, String... commands) {
    return nsupdateZone(server, key, ZONE, tcp, commands);
  }

  private static CommandResult nsupdateZone(Endpoint server, TsigKey key, String zone, String... commands) {
    return nsupdateZone(server, key, zone, false, commands);
  }

  private static CommandResult nsupdateZone(Endpoint server, TsigKey key, String zone, boolean tcp, String... commands) {
    StringBuilder script = new StringBuilder("server " + server.host() + " " + server.port() + "\n");
    List<String> lines = List.of(commands);
    lines.stream().filter(l -> l.startsWith("local ")).forEach(l -> script.append(l).append('\n'));
    script.append("zone ").append(zone).append('\n');
    lines.stream().filter(l -> !l.startsWith("local ")).forEach(l -> script.append(l).append('\n'));
    script.append("send\n");
    List<String> args = new java.util.ArrayList<>();
    if (tcp) {
      args.add("-v");
    }
    if (key != null) {
      args.add("-y");
      args.add(key.digArg());
    }
    return DigRunner.nsupdate(script.toString(), args.toArray(String[]::new));
  }

  private static CommandResult knsupdate(Endpoint server, TsigKey key, String... commands) {
    StringBuilder script = new StringBuilder("server " + server.host() + " " + server.port() + "\nzone " + ZONE + ".\n");
    for (String c : commands) {
      script.append(c).append('\n');
    }
    script.append("send\n");
    return DigRunner.knsupdate(script.toString(), "-y", key.digArg());
  }

  private static void assertFails(CommandResult r, String message) {
    assertThat(r.exitCode()).as("%s\n%s", r.command(), r.output()).isNotZero().isNotEqualTo(-1);
    assertThat(r.output()).as(r.command()).contains(message);
  }

  private static List<String> rdata(ServerProcess s, String name, int type) {
    Message m = DnsQuery.to(s.endpoint()).send(DnsQuery.question(name, type));
    return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).map(Record::rdataToString).toList();
  }

  private static int rcode(ServerProcess s, String name, int type) {
    return DnsQuery.to(s.endpoint()).send(DnsQuery.question(name, type)).getRcode();
  }
}
