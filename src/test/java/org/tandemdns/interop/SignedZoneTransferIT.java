package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.ZoneSigner;

/**
 * A pre-signed zone through a chain of two Tandems, judged by BIND's {@code dnssec-verify} and
 * ldns's {@code ldns-verify-zone} ({@code -z}: one combined signing key signs everything): the zone file signed by {@code dnssec-signzone} (NSEC3) is
 * served by a Tandem primary; a Tandem secondary transfers it. The AXFR out of either Tandem
 * verifies. Re-signing the file (new signatures, same data, serial + 1), as a signer does every few
 * days, reaches the secondary as an IXFR of signatures only; after a restart the secondary still
 * serves the signed zone, and its API and metrics say it is signed and when it expires.
 */
class SignedZoneTransferIT {
  private static final String ZONE = "signed-xfr.test";
  private static final Duration ARRIVES = Duration.ofSeconds(15);

  @TempDir Path tmp;

  @Test
  void signedZoneTransfersVerifiablyAndReSigningArrivesByIxfr() throws Exception {
    Path served = tmp.resolve("zones").resolve(ZONE + ".zone");
    sign(1);
    Endpoint topAt = Endpoint.freeLoopback();
    Endpoint secondaryAt = Endpoint.freeLoopback();
    Path topConfig = SecondaryYaml.server(topAt, tmp.resolve("top-data"))
        .primary(ZONE, served, "allow-transfer: [\"127.0.0.1\"]", "notify: [\"" + secondaryAt + "\"]", "notify-ns: false")
        .write(tmp.resolve("top.yaml"));
    SecondaryYaml secondaryYaml = SecondaryYaml.server(secondaryAt, tmp.resolve("secondary-data"))
        .secondary(ZONE, List.of(topAt.toString()), "allow-transfer: [\"127.0.0.1\"]", "allow-notify: [\"127.0.0.1\"]");
    Path secondaryConfig = secondaryYaml.write(tmp.resolve("secondary.yaml"));

    try (TandemProcess top = TandemProcess.builder().config(topConfig, topAt).awaitZone(ZONE).start()) {
      verifyAxfr(topAt, "top");
      try (TandemProcess secondary = TandemProcess.builder().config(secondaryConfig, secondaryAt).awaitZone(ZONE).start()) {
        verifyAxfr(secondaryAt, "secondary");
        assertThat(dig(secondaryAt, "+dnssec", "nothere." + ZONE, "A"))
            .contains("status: NXDOMAIN").contains("IN NSEC3 1 0 0 -").contains("IN RRSIG NSEC3 13 ");

        int mark = Logs.mark(secondary);
        sign(2);
        top.sighup();
        secondary.awaitSerial(ZONE, 2, ARRIVES);
        String in = Logs.await(secondary, mark, ARRIVES, "transfer in zone=" + ZONE + ".", "type=IXFR", "serial=1->2", "result=ok");
        assertThat(in).doesNotContain("fallback=");
        verifyAxfr(secondaryAt, "secondary after re-signing");
      }
      try (TandemProcess restarted = TandemProcess.builder().config(secondaryConfig, secondaryAt).awaitZone(ZONE).start()) {
        assertThat(dig(secondaryAt, "+dnssec", "www." + ZONE, "A")).containsPattern("IN\\s+RRSIG\\s+A 13 ");
        verifyAxfr(secondaryAt, "secondary after a restart");
        ApiHttp api = ApiHttp.at(secondaryYaml.apiListen().socketAddress())
            .token(Files.readString(tmp.resolve("secondary-data").resolve("api.token")).strip()).awaitUp(ARRIVES);
        JsonNode dnssec = awaitDnssecStatus(api);
        assertThat(dnssec.path("denial").asText()).isEqualTo("nsec3");
        assertThat(dnssec.path("nsec3").path("iterations").asInt()).isZero();
        assertThat(dnssec.path("dnskeys")).singleElement().satisfies(k -> assertThat(k.path("flags").asInt()).isEqualTo(257));
        assertThat(dnssec.path("problems")).isEmpty();
        assertThat(api.get("/metrics").body()).containsPattern("tandem_zone_rrsig_expiry_seconds\\{zone=\"" + ZONE + ".\"} [1-9]");
      }
    }
  }

  private JsonNode awaitDnssecStatus(ApiHttp api) {
    long deadline = System.nanoTime() + ARRIVES.toNanos();
    JsonNode d;
    do {
      d = api.get("/api/v1/zones/" + ZONE).json().path("dnssec");
      if (d.path("signed").asBoolean()) {
        return d;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("zone status never says signed: " + d);
  }

  /** Writes version {@code serial} of the zone and signs it with the same key each time. */
  private void sign(long serial) throws IOException {
    List<String> extra = new ArrayList<>();
    extra.add("mail IN MX 10 www");
    extra.add("*.wild IN TXT \"wildcard\"");
    extra.add("a.b.ent IN A 192.0.2.9");
    for (int i = 0; i < 40; i++) {
      extra.add("h" + i + " IN A 198.51.100." + i);
    }
    Path source = ZoneFiles.write(tmp.resolve("source"), ZONE, serial, 3600, 600, 86400, extra.toArray(String[]::new));
    ZoneSigner.Signed signed = ZoneSigner.sign(ZONE, source, tmp.resolve("keys"), ZoneSigner.Denial.NSEC3);
    Files.createDirectories(tmp.resolve("zones"));
    Path next = tmp.resolve("zones").resolve(ZONE + ".zone.new");
    Files.copy(signed.file(), next, StandardCopyOption.REPLACE_EXISTING);
    Files.move(next, tmp.resolve("zones").resolve(ZONE + ".zone"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** AXFR from {@code server} into a file, checked by dnssec-verify and ldns-verify-zone. */
  private void verifyAxfr(Endpoint server, String what) throws IOException {
    CommandResult axfr = DigRunner.dig(server, "+onesoa", "+nocmd", "+nostats", "+nocomments", "AXFR", ZONE).requireOk();
    assertThat(axfr.stdout()).as("AXFR from the " + what).contains("RRSIG").doesNotContain("Transfer failed");
    Path file = tmp.resolve("axfr-" + what.replace(' ', '-') + ".zone");
    Files.writeString(file, axfr.stdout());
    CommandResult bind = DigRunner.run(Duration.ofSeconds(60), null, "dnssec-verify", List.of("-z", "-o", ZONE, file.toString()));
    assertThat(bind.ok()).as("dnssec-verify of the AXFR from the %s:%n%s", what, bind.output()).isTrue();
    CommandResult ldns = DigRunner.run(Duration.ofSeconds(60), null, "ldns-verify-zone", List.of(file.toString()));
    assertThat(ldns.ok()).as("ldns-verify-zone of the AXFR from the %s:%n%s", what, ldns.output()).isTrue();
  }

  private static String dig(Endpoint server, String... args) {
    return DigRunner.dig(server, args).requireOk().stdout();
  }
}
