package org.tandemdns.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs a test needs. A missing program skips the test (JUnit assumption)
 * on a developer's machine and fails it when the environment variable {@code CI} is {@code true},
 * so that interop tests never silently stop running in CI.
 */
public final class PeerRequirement {

  /** The Debian package that provides each program the harness uses. */
  private static final Map<String, String> PACKAGES =
      Map.ofEntries(
          Map.entry("knotd", "knot"),
          Map.entry("knotc", "knot"),
          Map.entry("kdig", "knot-dnsutils"),
          Map.entry("knsupdate", "knot-dnsutils"),
          Map.entry("named", "bind9"),
          Map.entry("rndc", "bind9-utils"),
          Map.entry("dnssec-keygen", "bind9-utils"),
          Map.entry("dnssec-signzone", "bind9-utils"),
          Map.entry("dnssec-verify", "bind9-utils"),
          Map.entry("delv", "bind9-dnsutils"),
          Map.entry("unbound", "unbound"),
          Map.entry("ldns-verify-zone", "ldnsutils"),
          Map.entry("ldns-signzone", "ldnsutils"),
          Map.entry("dig", "bind9-dnsutils"),
          Map.entry("nsupdate", "bind9-dnsutils"),
          Map.entry("nsd", "nsd"),
          Map.entry("nsd-control", "nsd"),
          Map.entry("pdns_server", "pdns-server"),
          Map.entry("pdns_control", "pdns-server"),
          Map.entry("pdnsutil", "pdns-server"),
          Map.entry("sqlite3", "sqlite3"),
          Map.entry("curl", "curl"),
          Map.entry("chromium", "chromium"),
          Map.entry("chromedriver", "chromium-driver"),
          Map.entry("java", "openjdk-17-jre-headless"));

  /** Programs that are not Debian packages, and how to install them. */
  private static final Map<String, String> OTHER_INSTALLS =
      Map.of("moto_server", "pip install 'moto[server]' (Python's moto, version 5; Debian does not package it)");

  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

  private PeerRequirement() {}

  /** The absolute path of {@code program}; skips or fails the calling test when it is missing. */
  public static Path require(String program) {
    return require(program, System.getenv(), searchPath(System.getenv("PATH")));
  }

  /** Requires a file such as a PowerDNS backend module, naming the package that provides it. */
  public static Path requireFile(Path file, String debianPackage) {
    if (Files.isReadable(file)) {
      return file;
    }
    return missing(file + " not found", debianPackage, System.getenv());
  }

  static Path require(String program, Map<String, String> env, List<Path> dirs) {
    for (Path dir : dirs) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    String other = OTHER_INSTALLS.get(program);
    if (other != null) {
      return missingWithHint(program + " not installed; " + other, env);
    }
    return missing(program + " not installed", PACKAGES.getOrDefault(program, program), env);
  }

  /** Whether {@code CI=true}: missing programs are then failures, not skips. */
  static boolean isCi(Map<String, String> env) {
    return "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
  }

  private static Path missing(String what, String debianPackage, Map<String, String> env) {
    return missingWithHint(what + "; apt-get install " + debianPackage, env);
  }

  private static Path missingWithHint(String message, Map<String, String> env) {
    if (isCi(env)) {
      return Assertions.fail(message + " (CI=true: interop tests must run in CI, see .ci/run)");
    }
    return Assumptions.abort(message);
  }

  static List<Path> searchPath(String path) {
    List<Path> dirs = new ArrayList<>();
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          dirs.add(Path.of(entry));
        }
      }
    }
    EXTRA_DIRS.forEach(d -> dirs.add(Path.of(d)));
    return dirs;
  }
}
