package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs zone files with BIND's {@code dnssec-keygen} and {@code dnssec-signzone}, an independent
 * signer, so that tests of DNSSEC serving never judge Tandem by Tandem. One ECDSA P-256 key with
 * the SEP flag signs everything (a combined signing key); signatures are fresh at every run.
 */
public final class ZoneSigner {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** How the zone's denial of existence is signed. */
  public enum Denial {
    NSEC,
    /** NSEC3, SHA-1, 0 iterations, no salt (RFC 9276). */
    NSEC3,
    /** NSEC3 as above, with opt-out for insecure delegations (RFC 5155 §6). */
    NSEC3_OPT_OUT
  }

  /** A signed zone file, its key's DS and the DNSKEY to use as a trust anchor. */
  public record Signed(Path file, String dnskey, String ds) {}

  private ZoneSigner() {}

  /**
   * Signs {@code zoneFile} (zone {@code origin}) into {@code dir}, with the key already in {@code
   * dir} when there is one (a re-signing: new signatures, same key), else a new key.
   */
  public static Signed sign(String origin, Path zoneFile, Path dir, Denial denial) {
    try {
      Files.createDirectories(dir);
      String keyBase = existingKey(dir, origin);
      if (keyBase == null) {
        keyBase = DigRunner.run(TIMEOUT, null, "dnssec-keygen",
            List.of("-q", "-K", dir.toString(), "-a", "ECDSAP256SHA256", "-f", "KSK", origin)).requireOk().stdout().strip();
      }
      Path out = dir.resolve(origin + ".signed");
      List<String> args = new ArrayList<>(List.of("-q", "-S", "-z", "-K", dir.toString(), "-o", origin,
          "-f", out.toString(), "-d", dir.toString(), "-e", "+2592000"));
      if (denial != Denial.NSEC) {
        args.addAll(List.of("-3", "-", "-H", "0"));
      }
      if (denial == Denial.NSEC3_OPT_OUT) {
        args.add("-A");
      }
      args.add(zoneFile.toString());
      DigRunner.run(TIMEOUT, null, "dnssec-signzone", args).requireOk();
      String dnskey = dnskeyLine(Files.readString(dir.resolve(keyBase + ".key")));
      String ds = Files.readString(dir.resolve("dsset-" + origin + ".")).strip();
      return new Signed(out, dnskey, ds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String existingKey(Path dir, String origin) throws IOException {
    String prefix = "K" + (origin.endsWith(".") ? origin : origin + ".") + "+";
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".key"))
          .map(n -> n.substring(0, n.length() - ".key".length())).findFirst().orElse(null);
    }
  }

  private static String dnskeyLine(String keyFile) {
    for (String line : keyFile.split("\n")) {
      if (!line.startsWith(";") && line.contains("DNSKEY")) {
        return line.strip();
      }
    }
    throw new IllegalStateException("no DNSKEY in key file:\n" + keyFile);
  }
}
