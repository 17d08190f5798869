package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.cli.Main;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.UnboundResolver;

/**
 * Migration of a signed zone from BIND to Tandem (issue 14): keys made by {@code dnssec-keygen},
 * the zone signed by {@code dnssec-signzone} and served by named, then the keys imported with
 * {@code tandem dnssec import-key} and the unsigned zone signed by Tandem on the same address. The
 * judge is one Unbound instance, trusting the KSK, that keeps its cache across the switch: every
 * answer before and after is validated, and Tandem's AXFR passes dnssec-verify. RSA and Ed25519 keys
 * import too, and Knot's PEM keys; a private key that does not match its DNSKEY, and an import into a zone that has
 * keys, are refused with the reason.
 */
class KeyImportIT {
  static final String ZONE = "migrate.test";

  @TempDir Path tmp;

  @Test
  void aBindSignedZoneMovesToTandemWithItsKeysAndNoValidationGap() throws IOException {
    Path keys = Files.createDirectories(tmp.resolve("bind-keys"));
    String ksk = keygen(keys, "-a", "ECDSAP256SHA256", "-f", "KSK");
    String zsk = keygen(keys, "-a", "ECDSAP256SHA256");
    Path unsigned = zoneFile();
    Path signed = tmp.resolve(ZONE + ".signed");
    DigRunner.run(Duration.ofSeconds(60), null, "dnssec-signzone", List.of("-K", keys.toString(), "-S", "-o", ZONE,
        "-f", signed.toString(), unsigned.toString())).requireOk();
    Endpoint at = Endpoint.freeLoopback();
    String anchor = dnskeyLine(keys.resolve(ksk + ".key"));
    Set<String> bindKeys;
    try (UnboundResolver unbound = UnboundResolver.builder().trustAnchor(anchor).stub(ZONE, at).start()) {
      try (BindPeer bind = BindPeer.builder().listen(at).primary(PrimaryZone.of(ZONE, signed).allowTransfer(Acl.any()))
          .start()) {
        validated(unbound, "www." + ZONE, "A", "NOERROR");
        validated(unbound, ZONE, "DNSKEY", "NOERROR");
        bindKeys = dnskeys(at);
      }
      Path config = config(at, "ksk-zsk", "ecdsap256sha256");
      String imported = cli(0, "dnssec", "import-key", "--config", config.toString(), ZONE,
          keys.resolve(ksk + ".private").toString(), keys.resolve(zsk + ".private").toString());
      assertThat(imported).contains("imported KSK").contains("imported ZSK").contains("its DS: " + ZONE + ".");
      assertThat(cli(1, "dnssec", "import-key", "--config", config.toString(), ZONE,
          keys.resolve(ksk + ".private").toString())).contains("already has keys");
      try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone(ZONE).start()) {
        assertThat(tandem.log()).contains("signed with dnssec policy").doesNotContain("created KSK")
            .doesNotContain("created ZSK");
        assertThat(dnskeys(at)).as("the DNSKEY RRset BIND served, now from Tandem").isEqualTo(bindKeys);
        // Unbound's cache holds BIND's DNSKEY RRset; Tandem's signatures validate under it
        validated(unbound, "www." + ZONE, "A", "NOERROR");
        validated(unbound, "txt." + ZONE, "TXT", "NOERROR");
        validated(unbound, "nothere." + ZONE, "A", "NXDOMAIN");
        ZoneVerifiers.assertVerifies(ZoneVerifiers.axfr(tmp, at, ZONE), ZONE, "Tandem with BIND's keys");
      }
    }
  }

  @Test
  void rsaAndEd25519KeysImportAndSign() throws IOException {
    for (String[] alg : List.of(new String[] {"RSASHA256", "rsasha256"}, new String[] {"ED25519", "ed25519"})) {
      Path dir = Files.createDirectories(tmp.resolve(alg[1]));
      Path keys = Files.createDirectories(dir.resolve("keys"));
      String csk = keygen(keys, "-a", alg[0], "-f", "KSK");
      Endpoint at = Endpoint.freeLoopback();
      Path config = config(dir, at, "csk", alg[1]);
      assertThat(cli(0, "dnssec", "import-key", "--config", config.toString(), ZONE,
          keys.resolve(csk + ".private").toString())).contains("imported CSK");
      try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone(ZONE).start()) {
        assertThat(dnskeys(at)).containsExactly(dnskeyRdata(keys.resolve(csk + ".key")));
        ZoneVerifiers.assertVerifies(ZoneVerifiers.axfr(dir, at, ZONE), ZONE, alg[0] + " imported");
      }
    }
  }

  /** Knot keeps private keys as PKCS#8 PEM in its KASP directory; {@code keymgr ZONE dnskey ID} gives the DNSKEY. */
  @Test
  void knotKeysImportFromItsKeysDirectory() throws IOException {
    Path kasp = Files.createDirectories(tmp.resolve("knot-kasp"));
    String id = DigRunner.run(Duration.ofSeconds(30), null, "keymgr", List.of("-D", kasp.toString(), ZONE + ".",
        "generate", "algorithm=13", "ksk=yes", "zsk=yes")).requireOk().stdout().strip();
    String dnskey = DigRunner.run(Duration.ofSeconds(30), null, "keymgr", List.of("-D", kasp.toString(), ZONE + ".",
        "dnskey", id)).requireOk().stdout();
    Path pem = kasp.resolve("keys").resolve(id + ".pem");
    Files.writeString(kasp.resolve("keys").resolve(id + ".key"), dnskey);
    Endpoint at = Endpoint.freeLoopback();
    Path config = config(at, "csk", "ecdsap256sha256");
    assertThat(cli(0, "dnssec", "import-key", "--config", config.toString(), ZONE, pem.toString())).contains("imported CSK");
    try (TandemProcess tandem = TandemProcess.builder().config(config, at).awaitZone(ZONE).start()) {
      assertThat(dnskeys(at)).containsExactly(rdata(dnskey.strip()));
      ZoneVerifiers.assertVerifies(ZoneVerifiers.axfr(tmp, at, ZONE), ZONE, "Knot's key imported");
    }
  }

  @Test
  void aPrivateKeyThatDoesNotMatchItsDnskeyIsRefused() throws IOException {
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    String one = keygen(keys, "-a", "ECDSAP256SHA256", "-f", "KSK");
    String other = keygen(keys, "-a", "ECDSAP256SHA256", "-f", "KSK");
    Files.copy(keys.resolve(one + ".private"), keys.resolve("Kmixed.private"));
    Files.copy(keys.resolve(other + ".key"), keys.resolve("Kmixed.key"));
    Path config = config(Endpoint.freeLoopback(), "csk", "ecdsap256sha256");
    assertThat(cli(1, "dnssec", "import-key", "--config", config.toString(), ZONE,
        keys.resolve("Kmixed.private").toString())).contains("Kmixed.private").contains("does not match DNSKEY");
    Files.writeString(keys.resolve("Kgarbage.private"), "hello\n");
    Files.copy(keys.resolve(one + ".key"), keys.resolve("Kgarbage.key"));
    assertThat(cli(1, "dnssec", "import-key", "--config", config.toString(), ZONE,
        keys.resolve("Kgarbage.private").toString())).contains("not a BIND private key file");
    assertThat(cli(1, "dnssec", "import-key", "--config", config.toString(), ZONE,
        keys.resolve("Knothere.private").toString())).contains("Knothere.key").contains("not found");
    assertThat(tmp.resolve("data/keys/" + ZONE + "/keys.state")).as("nothing written").doesNotExist();
  }

  // ---------------------------------------------------------------------------------------------

  private String keygen(Path dir, String... args) {
    List<String> all = new ArrayList<>(List.of("-K", dir.toString()));
    all.addAll(List.of(args));
    all.add(ZONE);
    return DigRunner.run(Duration.ofSeconds(60), null, "dnssec-keygen", all).requireOk().stdout().strip();
  }

  private Path zoneFile() throws IOException {
    Path f = tmp.resolve(ZONE + ".zone");
    if (!Files.exists(f)) {
      Files.writeString(f, """
          $ORIGIN migrate.test.
          $TTL 300
          @    IN SOA ns hostmaster 1 3600 600 86400 300
          @    IN NS  ns
          ns   IN A   127.0.0.1
          www  IN A   192.0.2.1
          txt  IN TXT "moved"
          """);
    }
    return f;
  }

  private Path config(Endpoint at, String keys, String algorithm) throws IOException {
    return config(tmp, at, keys, algorithm);
  }

  private Path config(Path dir, Endpoint at, String keys, String algorithm) throws IOException {
    return Files.writeString(dir.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        dnssec-policies:
          - {name: moved, keys: %s, algorithm: %s}
        zones:
          - name: %s
            file: "%s"
            dnssec: {policy: moved}
            allow-transfer: ["127.0.0.1"]
            notify-ns: false
        """.formatted(at, dir.resolve("data"), keys, algorithm, ZONE, zoneFile()));
  }

  private static String dnskeyLine(Path keyFile) throws IOException {
    return Files.readAllLines(keyFile).stream().filter(l -> !l.startsWith(";") && l.contains("DNSKEY")).findFirst()
        .orElseThrow();
  }

  /** "FLAGS PROTOCOL ALGORITHM KEY" with the key in one word. */
  private static String dnskeyRdata(Path keyFile) throws IOException {
    return rdata(dnskeyLine(keyFile));
  }

  private static String rdata(String line) {
    List<String> f = List.of(line.trim().split("\\s+"));
    int at = f.indexOf("DNSKEY");
    return String.join(" ", f.subList(at + 1, at + 4)) + " " + String.join("", f.subList(at + 4, f.size()));
  }

  private static Set<String> dnskeys(Endpoint at) {
    String answer = DigRunner.dig(at, "+norec", "+noall", "+answer", ZONE, "DNSKEY").requireOk().stdout();
    return answer.lines().filter(l -> l.contains("\tDNSKEY\t") || l.contains(" DNSKEY ")).map(KeyImportIT::rdata)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void validated(UnboundResolver unbound, String name, String type, String status) {
    CommandResult r = unbound.dig(name, type);
    assertThat(r.stdout()).as("%s %s through Unbound:%n%s%n%s", name, type, r.output(), unbound.log())
        .contains("status: " + status).containsPattern(";; flags:[a-z ]* ad[ ;]");
  }

  private static String cli(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(code).as("tandem %s: %s%s", String.join(" ", args), out, err).isEqualTo(expectedExit);
    return out + err.toString();
  }
}
