package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemdns.interop.ValidatingResolverIT.Question;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.NsdPeer;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.ServerProcess;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.UnboundResolver;
import org.tandemdns.testing.Wait;

/**
 * Tandem as the signer (issue 14). The judges are not Tandem: Unbound validating from the zone's
 * own KSK, {@code delv}, and the zone verifiers {@code dnssec-verify} (BIND) and {@code
 * ldns-verify-zone} (NLnet Labs) run on the AXFR that Tandem and its secondaries give.
 *
 * <ul>
 *   <li>A file zone signed by Tandem with NSEC, NSEC3 and NSEC3 opt-out answers every question of
 *       {@link ValidatingResolverIT} validated, and its AXFR verifies.
 *   <li>A zone managed through the API and RFC 2136, signed with a KSK and a ZSK (NSEC3), goes
 *       through 100 random changes (API writes and nsupdate, names and empty non-terminals
 *       appearing and disappearing); BIND, Knot and NSD secondaries follow by IXFR, and every
 *       copy verifies at the end; Unbound validates the last change through a Knot secondary.
 *   <li>A restart keeps the keys and the signed version; keys that cannot be read leave the stored
 *       signed version served, with an error naming the key file.
 * </ul>
 */
class TandemSigningIT {
  static final String ZONE = ValidatingResolverIT.ZONE;
  static final Duration ARRIVES = Duration.ofSeconds(30);
  static final String ADMIN = "signing-it-admin-token";

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nsec", "nsec3", "nsec3-opt-out"})
  void aFileZoneSignedByTandemValidates(String denial) throws IOException {
    Endpoint at = Endpoint.freeLoopback();
    Path config = fileZoneConfig(at, denial);
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone(ZONE).start()) {
      assertThat(tandem.log()).contains("signed with dnssec policy");
      String ksk = ksk(at).get(0);
      String served = "a Tandem primary signing the zone itself (" + denial + ")";
      Set<Question> insecure = !denial.equals("nsec3-opt-out") ? Set.of()
          : ValidatingResolverIT.QUESTIONS.stream().filter(Question::closestEncloser).collect(Collectors.toSet());
      try (UnboundResolver unbound = UnboundResolver.builder().trustAnchor(ksk).stub(ZONE, at).start()) {
        ValidatingResolverIT.judge(unbound, at, served, insecure);
      }
      ValidatingResolverIT.checkDirectly(at, served);
      ValidatingResolverIT.judgeWithDelv(tmp, at, ksk, served, insecure);
      assertVerifies(axfr(at, ZONE), ZONE, served);
    }
  }

  @Test
  void changesThroughApiAndUpdateStaySignedAtTandemBindKnotAndNsd() throws IOException {
    TsigKey updateKey = TsigKey.generate("upd-key");
    Endpoint at = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    Endpoint nsdAt = Endpoint.freeLoopback();
    int apiPort = Ports.allocate();
    String zone = "dyn.test";
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        api:
          listen: "127.0.0.1:%d"
          tokens: [{name: it, secret: "%s", role: admin}]
        keys:
          - {name: %s, algorithm: hmac-sha256, secret: "%s"}
        dnssec-policies:
          - name: split-nsec3
            keys: ksk-zsk
            nsec3: true
        zones:
          - name: %s
            dnssec: {policy: split-nsec3}
            allow-update: ["127.0.0.1 key %s"]
            allow-transfer: ["127.0.0.1"]
            notify-ns: false
            notify: ["%s", "%s", "%s"]
          - name: file.test
            file: "%s"
            notify-ns: false
        """.formatted(at, tmp.resolve("data"), apiPort, ADMIN, updateKey.name(), updateKey.secret(), zone,
        updateKey.name(), bindAt, knotAt, nsdAt, Files.writeString(tmp.resolve("file.test.zone"),
            "$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.53\n")));
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone("file.test").start()) {
      ApiHttp api = ApiHttp.at("http://127.0.0.1:" + apiPort).token(ADMIN).awaitUp(Duration.ofSeconds(10));
      ApiHttp.Reply created = api.post("/api/v1/zones", """
          {"name": "dyn.test", "records": [
            {"name": "@", "type": "SOA", "ttl": 300, "records": ["ns1 hostmaster 1 3600 600 86400 300"]},
            {"name": "@", "type": "NS", "ttl": 300, "records": ["ns1"]},
            {"name": "ns1", "type": "A", "ttl": 300, "records": ["127.0.0.1"]},
            {"name": "child", "type": "NS", "ttl": 300, "records": ["ns.child"]},
            {"name": "ns.child", "type": "A", "ttl": 300, "records": ["127.0.0.1"]},
            {"name": "www", "type": "A", "ttl": 300, "records": ["192.0.2.1"]}]}""");
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      try (BindPeer bind = BindPeer.debugBuilder(3).listen(bindAt).secondary(secondary(zone, at)).start();
          KnotPeer knot = KnotPeer.builder().listen(knotAt).secondary(secondary(zone, at)).start();
          NsdPeer nsd = NsdPeer.builder().listen(nsdAt).secondary(secondary(zone, at)).start()) {
        List<ServerProcess> secondaries = List.of(bind, knot, nsd);
        long first = tandem.serial(zone);
        awaitAll(secondaries, zone, first);

        Random random = new Random(14);
        String lastName = null;
        for (int i = 0; i < 100; i++) {
          String name = "h" + random.nextInt(30) + (random.nextInt(3) == 0 ? ".e" + random.nextInt(3) + ".deep" : "");
          boolean delete = random.nextInt(3) == 0;
          if (i % 2 == 0) {
            ApiHttp.Reply r = delete ? api.delete("/api/v1/zones/" + zone + "/rrsets/" + name + "/A")
                : api.put("/api/v1/zones/" + zone + "/rrsets/" + name + "/A",
                    "{\"ttl\": 300, \"records\": [\"192.0.2." + random.nextInt(250) + "\"]}");
            assertThat(r.status()).as("change %d: %s", i, r).isIn(200, 204, 404);
          } else {
            String command = delete ? "update delete " + name + "." + zone + " A"
                : "update add " + name + "." + zone + " 300 TXT \"change " + i + "\"";
            CommandResult u = nsupdate(at, updateKey, zone, command);
            assertThat(u.ok()).as("change %d (%s): %s", i, command, u.output()).isTrue();
          }
          lastName = delete ? lastName : name;
        }
        long last = tandem.serial(zone);
        assertThat(last).isGreaterThan(first + 50);
        awaitAll(secondaries, zone, last);
        // the secondaries followed by IXFR (changes come faster than transfers, so one IXFR may
        // carry several; a secondary may also choose an AXFR now and then), and no IXFR had to
        // fall back to AXFR: the journal held every signed diff
        String log = tandem.log();
        assertThat(TandemLog.count(log, "transfer out zone=" + zone + ". type=IXFR")).as(log).isGreaterThanOrEqualTo(3);
        assertThat(log).doesNotContain("fallback=");
        assertThat(TandemLog.count(bind.log(), "got incremental response")).as("BIND followed by IXFR").isPositive();
        assertVerifies(axfr(at, zone), zone, "Tandem after 100 changes");
        for (ServerProcess s : secondaries) {
          assertVerifies(axfr(s.endpoint(), zone), zone, s + " after 100 changes");
        }

        // the last name written validates through a secondary that is not Tandem
        try (UnboundResolver unbound = UnboundResolver.builder().trustAnchor(ksk(at, zone).get(0)).stub(zone, knotAt).start()) {
          CommandResult answer = unbound.dig(lastName + "." + zone, "A");
          CommandResult nx = unbound.dig("nothere." + zone, "A");
          assertThat(answer.stdout() + nx.stdout()).as("%s%n%s", answer.output(), nx.output())
              .doesNotContain("SERVFAIL");
          assertThat(flags(nx.stdout())).as(nx.output()).contains("ad");
          assertThat(nx.stdout()).contains("status: NXDOMAIN");
        }
        // records the signer owns cannot be written
        CommandResult dnskey = nsupdate(at, updateKey, zone,
            "update add " + zone + " 300 DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==");
        assertThat(dnskey.output()).contains("REFUSED");
      }
    }
  }

  @Test
  void aRestartKeepsKeysAndSignaturesAndUnreadableKeysKeepTheStoredVersion() throws IOException {
    Endpoint at = Endpoint.freeLoopback();
    Path config = fileZoneConfig(at, "nsec");
    List<String> keys;
    long serial;
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone(ZONE).start()) {
      keys = dnskeys(at);
      serial = tandem.serial(ZONE);
    }
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone(ZONE).start()) {
      assertThat(dnskeys(at)).isEqualTo(keys);
      assertThat(tandem.serial(ZONE)).isEqualTo(serial);
      assertThat(tandem.log()).doesNotContain("created CSK");
      // a change to the file while running: signed, and the secondary-visible serial grows
      Path zoneFile = tmp.resolve(ZONE + ".zone");
      Files.writeString(zoneFile, Files.readString(zoneFile) + "added IN A 192.0.2.77\n");
      tandem.sighup();
      long before = serial;
      Wait.until(ARRIVES, () -> tandem.serial(ZONE) > before, () -> "the reload was not committed:\n" + tandem.log());
      assertVerifies(axfr(at, ZONE), ZONE, "Tandem after a reload");
      serial = tandem.serial(ZONE);
    }
    Path keyDir = tmp.resolve("data/keys/" + ZONE);
    try (var files = Files.list(keyDir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pem")).toList()) {
        assertThat(Files.getPosixFilePermissions(f)).extracting(Object::toString)
            .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        Files.delete(f);
      }
    }
    long stored = serial;
    Endpoint apiAt = Endpoint.freeLoopback();
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).args("--api-listen", apiAt.toString())
        .awaitZone(ZONE).start()) {
      assertThat(tandem.serial(ZONE)).isEqualTo(stored);
      assertThat(dnskeys(at)).isEqualTo(keys);
      assertThat(tandem.log()).contains("cannot use the DNSSEC keys").contains(".pem");
      String metrics = ApiHttp.at("http://" + apiAt).awaitUp(Duration.ofSeconds(10)).get("/metrics").body();
      assertThat(metrics).as("the blocked signer is a metric to alert on")
          .containsPattern("tandem_dnssec_signing_blocked\\{zone=\"" + java.util.regex.Pattern.quote(ZONE) + "\\.\"[^}]*} 1\\.0");
      assertVerifies(axfr(at, ZONE), ZONE, "Tandem serving the stored version without its keys");
    }
  }

  /**
   * kill -9 while Tandem signs a 25,000-record zone for the first time: nothing half-signed is kept
   * (the store gets the signed version in one transaction), the keys written before signing are the
   * ones the restarted Tandem signs with, and the zone it then serves verifies.
   */
  @Test
  void aKillDuringTheFirstSigningLeavesNothingHalfDone() throws IOException {
    StringBuilder zone = new StringBuilder("$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.53\n");
    for (int i = 0; i < 25_000; i++) {
      zone.append("h").append(i).append(" A 192.0.2.").append(i % 250).append('\n');
    }
    Path big = Files.writeString(tmp.resolve("big.test.zone"), zone);
    Path small = Files.writeString(tmp.resolve("file.test.zone"), "$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.53\n");
    Endpoint at = Endpoint.freeLoopback();
    Path config = Files.writeString(tmp.resolve("big.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        zones:
          - name: file.test
            file: "%s"
            notify-ns: false
          - name: big.test
            file: "%s"
            dnssec: {policy: default}
            allow-transfer: ["127.0.0.1"]
            notify-ns: false
        """.formatted(at, tmp.resolve("data"), small, big));
    TandemProcess first = TandemProcess.builder().config(config, at).awaitZone("file.test").start();
    try {
      first.awaitLog("created CSK", Duration.ofSeconds(30));
      first.kill9();
      assertThat(first.log()).as("killed before the first signing finished").doesNotContain("signed with dnssec policy");
    } finally {
      first.close();
    }
    String keysState = Files.readString(tmp.resolve("data/keys/big.test/keys.state"));
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone("big.test")
        .readyTimeout(Duration.ofSeconds(120)).start()) {
      assertThat(tandem.log()).contains("signed with dnssec policy").doesNotContain("created CSK");
      assertThat(Files.readString(tmp.resolve("data/keys/big.test/keys.state"))).isEqualTo(keysState);
      assertVerifies(axfr(at, "big.test"), "big.test", "Tandem after a kill -9 during the first signing");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Path fileZoneConfig(Endpoint at, String denial) throws IOException {
    Path zoneFile = tmp.resolve(ZONE + ".zone");
    if (!Files.exists(zoneFile)) {
      Files.copy(ValidatingResolverIT.SOURCE, zoneFile);
    }
    String policy = switch (denial) {
      case "nsec" -> "{name: signed}";
      case "nsec3" -> "{name: signed, nsec3: true}";
      default -> "{name: signed, nsec3: true, nsec3-opt-out: true}";
    };
    return Files.writeString(tmp.resolve("tandem-" + denial + ".yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        dnssec-policies:
          - %s
        zones:
          - name: %s
            file: "%s"
            dnssec: {policy: signed}
            allow-transfer: ["127.0.0.1"]
            notify-ns: false
        """.formatted(at, tmp.resolve("data"), policy, ZONE, zoneFile));
  }

  private static SecondaryZone secondary(String zone, Endpoint primary) {
    return SecondaryZone.of(zone, primary).allowTransfer(Acl.any());
  }

  private static void awaitAll(List<ServerProcess> secondaries, String zone, long serial) {
    for (ServerProcess s : secondaries) {
      s.awaitSerial(zone, serial, ARRIVES);
    }
  }

  private static List<String> ksk(Endpoint at) {
    return ksk(at, ZONE);
  }

  private static List<String> ksk(Endpoint at, String zone) {
    List<String> ksk = dnskeys(at, zone).stream().filter(l -> l.split("\\s+")[4].equals("257")).toList();
    assertThat(ksk).as("DNSKEYs with flags 257 at %s", at).isNotEmpty();
    return ksk;
  }

  private static List<String> dnskeys(Endpoint at) {
    return dnskeys(at, ZONE);
  }

  private static List<String> dnskeys(Endpoint at, String zone) {
    String answer = DigRunner.dig(at, "+norec", "+noall", "+answer", zone, "DNSKEY").requireOk().stdout();
    return answer.lines().filter(l -> l.split("\\s+").length > 5 && l.split("\\s+")[3].equals("DNSKEY")).sorted().toList();
  }

  private static List<String> flags(String digOut) {
    var m = java.util.regex.Pattern.compile(";; flags:([a-z ]*);").matcher(digOut);
    return m.find() ? List.of(m.group(1).trim().split(" ")) : List.of();
  }

  private Path axfr(Endpoint at, String zone) throws IOException {
    return ZoneVerifiers.axfr(tmp, at, zone);
  }

  private static void assertVerifies(Path file, String zone, String what) throws IOException {
    ZoneVerifiers.assertVerifies(file, zone, what);
  }

  private static CommandResult nsupdate(Endpoint server, TsigKey key, String zone, String command) {
    String script = "server " + server.host() + " " + server.port() + "\nzone " + zone + "\n" + command + "\nsend\n";
    return DigRunner.nsupdate(script, "-y", key.digArg());
  }
}
