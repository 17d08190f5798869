package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;

/** The judges of a signed zone that are not Tandem: BIND's dnssec-verify and NLnet Labs' ldns-verify-zone, on an AXFR. */
final class ZoneVerifiers {
  private ZoneVerifiers() {}

  /** The zone as {@code at} transfers it, written to a file in {@code dir} (the closing SOA left out). */
  static Path axfr(Path dir, Endpoint at, String zone) throws IOException {
    CommandResult r = DigRunner.dig(at, "+nocmd", "+nostats", "+nocomments", "AXFR", zone);
    assertThat(r.ok() && r.stdout().contains("RRSIG")).as("AXFR of %s from %s:%n%s", zone, at, r.output()).isTrue();
    String records = r.stdout().lines().filter(l -> !l.isBlank()).distinct().collect(Collectors.joining("\n", "", "\n"));
    return Files.writeString(Files.createTempFile(dir, "axfr-", ".zone"), records);
  }

  /** dnssec-verify and ldns-verify-zone both accept the zone: every RRset signed, the chain whole. */
  static void assertVerifies(Path file, String zone, String what) throws IOException {
    List<String> problems = new ArrayList<>();
    CommandResult bind = DigRunner.run(Duration.ofSeconds(60), null, "dnssec-verify", List.of("-z", "-o", zone, file.toString()));
    if (!bind.ok()) {
      problems.add("dnssec-verify:\n" + bind.output());
    }
    CommandResult ldns = DigRunner.run(Duration.ofSeconds(60), null, "ldns-verify-zone", List.of(file.toString()));
    if (!ldns.ok()) {
      problems.add("ldns-verify-zone:\n" + ldns.output());
    }
    if (!problems.isEmpty()) {
      fail("the zone " + zone + " of " + what + " does not verify:\n" + String.join("\n", problems) + "\n"
          + Files.readString(file));
    }
  }
}
