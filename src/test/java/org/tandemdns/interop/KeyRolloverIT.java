package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.cli.Main;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.UnboundResolver;
import org.tandemdns.testing.Wait;

/**
 * Key rollovers in real time, with a policy of seconds (DNSKEY TTL 3 s, propagation-delay 2 s,
 * record TTLs 2 s), judged by others than Tandem. A Tandem-signed parent {@code rolltest.} delegates
 * to two children Tandem signs: {@code a.rolltest.} (KSK + ZSK, NSEC) and {@code b.rolltest.}
 * (CSK, NSEC3). A Knot secondary serves both children, and Unbound, trusting only the parent's DS,
 * resolves through the parent at Tandem and the children at Knot. The test plays the registrar:
 * when Knot serves a new CDS, it writes the parent's DS through the API; Tandem finds the DS by
 * asking the parent agents (itself). Throughout a ZSK rollover of a, a KSK rollover of a and a CSK
 * rollover of b, every answer Unbound gives must be validated (AD, never SERVFAIL), and every
 * version Tandem commits passes dnssec-verify and ldns-verify-zone.
 */
class KeyRolloverIT {
  static final String PARENT = "rolltest";
  static final String A = "a.rolltest";
  static final String B = "b.rolltest";
  static final String ADMIN = "rollover-it-token";
  static final Duration ROLL_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private TandemProcess tandem;
  private KnotPeer knot;
  private UnboundResolver unbound;
  private ApiHttp api;
  private Endpoint apiAt;
  private final Map<String, Long> verifiedSerial = new HashMap<>();
  private int validatedAnswers;
  private int verifiedVersions;
  private Path tokenFile;
  private TandemProcess restarted;
  /** A zone going insecure: its answers may lose AD (never fail), its unsigned versions are not verified. */
  private String goingInsecure;

  @Test
  void zskKskAndCskRolloversStayValidatedThroughAKnotSecondary() throws Exception {
    Endpoint at = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    int apiPort = Ports.allocate();
    apiAt = Endpoint.loopback(apiPort);
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        api:
          listen: "127.0.0.1:%d"
          tokens: [{name: it, secret: "%s", role: admin}]
        dnssec-policies:
          - name: fast-split
            keys: ksk-zsk
            dnskey-ttl: 3s
            propagation-delay: 2s
            ds-check-interval: 1s
            zsk-lifetime: 0
          - name: fast-insecure
            keys: ksk-zsk
            cds-cdnskey-publish: delete-dnssec
            dnskey-ttl: 3s
            propagation-delay: 2s
            ds-check-interval: 1s
            ds-ttl: 2s
            zsk-lifetime: 0
          - name: fast-csk
            nsec3: true
            dnskey-ttl: 3s
            propagation-delay: 2s
            ds-check-interval: 1s
        zones:
          - name: %s
            dnssec: {policy: default}
            notify-ns: false
          - name: %s
            file: "%s"
            dnssec: {policy: fast-split, parent-agents: ["%s"]}
            allow-transfer: ["127.0.0.1"]
            notify: ["%s"]
            notify-ns: false
          - name: %s
            file: "%s"
            dnssec: {policy: fast-csk, parent-agents: ["%s"]}
            allow-transfer: ["127.0.0.1"]
            notify: ["%s"]
            notify-ns: false
        """.formatted(at, tmp.resolve("data"), apiPort, ADMIN, PARENT, A, childZone(A), at, knotAt, B, childZone(B), at,
        knotAt));
    tokenFile = Files.writeString(tmp.resolve("token"), ADMIN);
    try (TandemProcess t = TandemProcess.builder().config(config, at).awaitZone(B).start()) {
      tandem = t;
      try {
        rollovers(at, knotAt, config);
      } finally {
        if (restarted != null) {
          restarted.close();
        }
      }
    }
  }

  private void rollovers(Endpoint at, Endpoint knotAt, Path config) throws Exception {
    api = ApiHttp.at("http://" + apiAt).token(ADMIN).awaitUp(Duration.ofSeconds(10));
    ApiHttp.Reply created = api.post("/api/v1/zones", """
        {"name": "rolltest", "records": [
          {"name": "@", "type": "SOA", "ttl": 2, "records": ["ns1 hostmaster 1 3600 600 86400 2"]},
          {"name": "@", "type": "NS", "ttl": 2, "records": ["ns1"]},
          {"name": "ns1", "type": "A", "ttl": 2, "records": ["%s"]},
          {"name": "a", "type": "NS", "ttl": 2, "records": ["ns.a"]},
          {"name": "ns.a", "type": "A", "ttl": 2, "records": ["%s"]},
          {"name": "b", "type": "NS", "ttl": 2, "records": ["ns.b"]},
          {"name": "ns.b", "type": "A", "ttl": 2, "records": ["%s"]}]}""".formatted(at.host(), knotAt.host(),
        knotAt.host()));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    Wait.until(Duration.ofSeconds(20), () -> !cli("dnssec", "ds", PARENT).isBlank(), () -> "the parent is not signed");
    registrar(A, cli("dnssec", "ds", A));
    registrar(B, cli("dnssec", "ds", B));
    String anchor = cli("dnssec", "ds", PARENT).strip();
    try (KnotPeer k = KnotPeer.builder().listen(knotAt).secondary(SecondaryZone.of(A, at).allowTransfer(Acl.any()))
            .secondary(SecondaryZone.of(B, at).allowTransfer(Acl.any())).start();
        UnboundResolver u = UnboundResolver.builder().trustAnchor(anchor).stub(PARENT, at).stub(A, knotAt)
            .stub(B, knotAt).start()) {
      knot = k;
      unbound = u;
      Wait.until(Duration.ofSeconds(30), () -> knot.serial(A) == tandem.serial(A) && knot.serial(B) == tandem.serial(B),
          () -> "Knot behind Tandem");
      watch(() -> true, Duration.ofSeconds(3), "before any rollover");

      // ZSK of a, by pre-publication: three keys for a while, then the new ZSK alone beside the KSK
      Set<String> before = dnskeys(knotAt, A);
      assertThat(cli("dnssec", "rollover", A, "--zsk")).contains("ZSK rollover started");
      watch(() -> dnskeys(knotAt, A).size() == 3, ROLL_TIMEOUT, "the new ZSK of " + A + " published at Knot");
      watch(() -> dnskeys(knotAt, A).size() == 2 && !dnskeys(knotAt, A).equals(before), ROLL_TIMEOUT,
          "the old ZSK of " + A + " removed at Knot");
      Set<String> afterZsk = dnskeys(knotAt, A);
      assertThat(flags(afterZsk, "257")).isEqualTo(flags(before, "257")).as("the KSK stays");

      // KSK of a: the new DS reaches the parent by the registrar, Tandem sees it, the old KSK goes
      assertThat(cli("dnssec", "rollover", A, "--ksk")).contains("KSK rollover started");
      watch(() -> cli("dnssec", "status", A).contains("rollover waits for the DS of key"), ROLL_TIMEOUT,
          "the KSK rollover of " + A + " waiting for its DS");
      watch(() -> flags(dnskeys(knotAt, A), "257").size() == 1 && !flags(dnskeys(knotAt, A), "257")
          .equals(flags(before, "257")), ROLL_TIMEOUT, "the old KSK of " + A + " removed at Knot");
      assertThat(tandem.log()).contains("the parent serves the DS of KSK").contains("ZSK rollover started")
          .contains("is now active").contains("is now removed");

      // CSK of b (NSEC3), with a kill -9 of Tandem once the new CSK is published: the restarted
      // Tandem goes on with the rollover from keys.state
      Set<String> cskBefore = dnskeys(knotAt, B);
      assertThat(cli("dnssec", "rollover", B, "--csk")).contains("CSK rollover started");
      watch(() -> dnskeys(knotAt, B).size() == 2, ROLL_TIMEOUT, "the new CSK of " + B + " published");
      tandem.kill9();
      tandem = TandemProcess.builder().config(config, at).awaitZone(B).start();
      restarted = tandem;
      api.awaitUp(Duration.ofSeconds(10));
      watch(() -> dnskeys(knotAt, B).size() == 1 && !dnskeys(knotAt, B).equals(cskBefore), ROLL_TIMEOUT,
          "the old CSK of " + B + " removed");
      watch(() -> true, Duration.ofSeconds(4), "after the rollovers");

      verifyAxfr(knotAt, A, "Knot after the rollovers");
      verifyAxfr(knotAt, B, "Knot after the rollovers");
      String log = tandem.log();
      assertThat(log).as("the restarted Tandem's log").contains("is now removed")
          .doesNotContain("created CSK").doesNotContain("rollover started");
      System.out.printf("rollovers: %d answers validated by Unbound, %d versions verified%n%s%n", validatedAnswers,
          verifiedVersions, log.lines().filter(l -> l.contains("rollover") || l.contains(" is now ")
              || l.contains("parent serves")).collect(Collectors.joining("\n")));
      assertThat(validatedAnswers).as("answers validated by Unbound").isGreaterThan(100);
      assertThat(verifiedVersions).as("versions verified").isGreaterThan(8);
      String metrics = api.get("/metrics").body();
      assertThat(metrics).contains("tandem_dnssec_key_state{").contains("tandem_dnssec_ds_wait_seconds{");

      // a goes insecure (RFC 8078 §4): its policy switched on SIGHUP publishes CDS delete, the
      // registrar deletes the DS, Tandem finds it gone and removes keys and signatures after the
      // DS TTL; no answer fails validation on the way, and at the end a is insecure
      goingInsecure = A;
      Files.writeString(config, Files.readString(config).replace("policy: fast-split,", "policy: fast-insecure,"));
      tandem.sighup();
      watch(() -> rdata(DigRunner.dig(knotAt, "+norec", "+noall", "+answer", A, "CDS").stdout(), "CDS")
          .equals(Set.of("0 0 0 00")), ROLL_TIMEOUT, "CDS delete of " + A + " at Knot");
      watch(() -> dnskeys(knotAt, A).isEmpty(), ROLL_TIMEOUT, A + " served unsigned by Knot");
      watch(() -> true, Duration.ofSeconds(4), "after " + A + " went insecure");
      CommandResult insecure = unbound.dig("www." + A, "A");
      assertThat(insecure.stdout()).as(insecure.output()).contains("status: NOERROR");
      assertThat(flagsOf(insecure.stdout())).as("insecure now: no AD").doesNotContain("ad");
      assertThat(tandem.log()).contains("the parent no longer serves a DS");
      assertThat(DigRunner.dig(knotAt, "+dnssec", "+norec", "www." + A, "A").stdout()).doesNotContain("RRSIG");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Path childZone(String zone) throws IOException {
    return Files.writeString(tmp.resolve(zone + ".zone"), """
        $ORIGIN %s.
        $TTL 2
        @    IN SOA ns hostmaster 1 3600 600 86400 2
        @    IN NS  ns
        ns   IN A   127.0.0.1
        www  IN A   192.0.2.1
        txt  IN TXT "rolling"
        """.formatted(zone));
  }

  /**
   * Until {@code done}: Unbound validates answers of both children, the registrar copies new CDS
   * to the parent, and each version Tandem commits of a child is verified.
   */
  private void watch(BooleanSupplier done, Duration timeout, String what) throws IOException {
    Instant end = Instant.now().plus(timeout);
    boolean first = true;
    while (first || !done.getAsBoolean()) {
      first = false;
      if (Instant.now().isAfter(end)) {
        fail("waited " + timeout + " for " + what + "\nTandem's log:\n" + tail(tandem.log()) + "\nstatus:\n"
            + cli("dnssec", "status", A) + cli("dnssec", "status", B));
      }
      for (String zone : List.of(A, B)) {
        validated("www." + zone, "A", "NOERROR", what);
        validated("nothere." + zone, "A", "NXDOMAIN", what);
        validated(zone, "DNSKEY", "NOERROR", what);
        registrarStep(zone);
        long serial = tandem.serial(zone);
        boolean unsigned = zone.equals(goingInsecure) && dnskeys(tandem.endpoint(), zone).isEmpty();
        if (verifiedSerial.getOrDefault(zone, -1L) != serial && !unsigned) {
          verifyAxfr(tandem.endpoint(), zone, "Tandem at serial " + serial + " (" + what + ")");
          verifiedSerial.put(zone, serial);
        }
      }
      sleep(200);
    }
  }

  private void validated(String name, String type, String status, String phase) {
    CommandResult r = unbound.dig(name, type);
    String out = r.stdout();
    boolean mayBeInsecure = goingInsecure != null && (name + ".").endsWith(goingInsecure + ".");
    if (!out.contains("status: " + status) || !mayBeInsecure && !flagsOf(out).contains("ad")) {
      fail("during '" + phase + "': " + name + " " + type + " was not validated (want " + status + " with AD):\n"
          + r.output() + "\nUnbound's log:\n" + tail(unbound.log()) + "\nTandem's log:\n" + tail(tandem.log()));
    }
    validatedAnswers++;
  }

  /** The registrar: once Knot serves a CDS RRset unlike the parent's DS RRset, the parent gets it as DS. */
  private void registrarStep(String zone) {
    Set<String> cds = rdata(DigRunner.dig(knot.endpoint(), "+norec", "+noall", "+answer", zone, "CDS").stdout(), "CDS");
    Set<String> ds = rdata(DigRunner.dig(tandem.endpoint(), "+norec", "+noall", "+answer", zone, "DS").stdout(), "DS");
    if (cds.equals(Set.of("0 0 0 00"))) { // RFC 8078 §4: delete the DS
      if (!ds.isEmpty()) {
        ApiHttp.Reply r = api.delete("/api/v1/zones/" + PARENT + "/rrsets/" + zone.substring(0, zone.indexOf('.')) + "/DS");
        assertThat(r.status()).as("%s", r).isIn(200, 204);
      }
    } else if (!cds.isEmpty() && !cds.equals(ds)) {
      registrar(zone, cds.stream().map(r -> zone + ". 2 IN DS " + r).collect(Collectors.joining("\n")));
    }
  }

  private void registrar(String zone, String dsLines) {
    List<String> records = new ArrayList<>();
    for (String l : dsLines.strip().split("\n")) {
      String[] f = l.trim().split("\\s+", 5);
      records.add("\"" + f[4] + "\"");
    }
    String label = zone.substring(0, zone.indexOf('.'));
    ApiHttp.Reply r = api.put("/api/v1/zones/" + PARENT + "/rrsets/" + label + "/DS",
        "{\"ttl\": 2, \"records\": [" + String.join(", ", records) + "]}");
    assertThat(r.status()).as("%s", r).isIn(200, 201, 204);
  }

  /** DS and CDS rdata as "TAG ALG DIGESTTYPE DIGEST" with the digest in one upper-case word. */
  private static Set<String> rdata(String digAnswer, String type) {
    Set<String> out = new TreeSet<>();
    for (String l : digAnswer.lines().toList()) {
      String[] f = l.trim().split("\\s+");
      if (f.length >= 8 && f[3].equals(type)) {
        StringBuilder digest = new StringBuilder();
        for (int i = 7; i < f.length; i++) {
          digest.append(f[i]);
        }
        out.add(f[4] + " " + f[5] + " " + f[6] + " " + digest.toString().toUpperCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  private static Set<String> dnskeys(Endpoint at, String zone) {
    String answer = DigRunner.dig(at, "+norec", "+noall", "+answer", zone, "DNSKEY").requireOk().stdout();
    return answer.lines().filter(l -> l.split("\\s+").length > 5 && l.split("\\s+")[3].equals("DNSKEY"))
        .map(l -> String.join(" ", List.of(l.split("\\s+")).subList(4, l.split("\\s+").length)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> flags(Set<String> dnskeys, String flags) {
    return dnskeys.stream().filter(k -> k.startsWith(flags + " ")).collect(Collectors.toSet());
  }

  private static List<String> flagsOf(String digOut) {
    var m = java.util.regex.Pattern.compile(";; flags:([a-z ]*);").matcher(digOut);
    return m.find() ? List.of(m.group(1).trim().split(" ")) : List.of();
  }

  private void verifyAxfr(Endpoint at, String zone, String what) throws IOException {
    ZoneVerifiers.assertVerifies(ZoneVerifiers.axfr(tmp, at, zone), zone, what);
    verifiedVersions++;
  }

  private String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", "http://" + apiAt, "--token-file", tokenFile.toString()));
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    assertThat(code).as("tandem %s: %s%s", String.join(" ", args), out, err).isZero();
    return out.toString();
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
