package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.TandemConfig;

/** The release tarball that {@code ./mvnw package} makes: its layout runs, its example config loads. */
class ReleasePackageIT {
  @TempDir Path dir;

  static Path tarball() throws Exception {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("tandem-.*\\.tar\\.gz")).findFirst().orElseThrow();
    }
  }

  @Test
  void theUnpackedReleaseRunsFromItsOwnLib() throws Exception {
    Process tar = new ProcessBuilder("tar", "-xzf", tarball().toAbsolutePath().toString(), "-C", dir.toString()).inheritIO().start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path root;
    try (var d = Files.list(dir)) {
      root = d.findFirst().orElseThrow();
    }
    for (String f : List.of("README.md", "LICENSE", "NOTICE", "bin/tandem", "lib/tandem.jar", "etc/tandem.yaml",
        "etc/zones/example.com.zone", "etc/tandem.service", "docs/README.md", "docs/primary.md", "docs/secondary.md",
        "man/man1/tandem.1", "man/man1/tandem-serve.1", "man/man1/tandem-zone-retransfer.1")) {
      assertThat(root.resolve(f)).as(f).exists();
    }
    Process version = new ProcessBuilder(root.resolve("bin/tandem").toString(), "--version").redirectErrorStream(true).start();
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(version.getInputStream().readAllBytes());
    assertThat(version.exitValue()).as(out).isZero();
    assertThat(out).startsWith("tandem ");
  }

  private Path unpack() throws Exception {
    Process tar = new ProcessBuilder("tar", "-xzf", tarball().toAbsolutePath().toString(), "-C", dir.toString()).inheritIO().start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    try (var d = Files.list(dir)) {
      return d.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  /** Issue 15, item 7: the shipped config used to stop at a missing secret file that nothing explained. */
  @Test
  void theShippedConfigStartsAsShipped() throws Exception {
    Path root = unpack();
    Path config = root.resolve("etc/tandem.yaml");
    assertThat(new ConfigLoader().check(config).problems()).as("tandem check-config etc/tandem.yaml").isEmpty();
    org.tandemdns.testing.Endpoint dns = org.tandemdns.testing.Endpoint.freeLoopback();
    Process serve = new ProcessBuilder(root.resolve("bin/tandem").toString(), "serve", "--config", config.toString(),
        "--listen", dns.toString(), "--data-dir", dir.resolve("data").toString(), "--api-listen", "127.0.0.1:0")
        .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
    try {
      org.tandemdns.testing.Wait.until(java.time.Duration.ofSeconds(60), () -> {
        try {
          return org.tandemdns.testing.DnsQuery.to(dns).timeout(java.time.Duration.ofMillis(500)).soaSerial("example.com") == 2026120301L;
        } catch (RuntimeException e) {
          return !serve.isAlive();
        }
      }, () -> "no answer for example.com; log:\n" + read(dir.resolve("serve.log")));
      assertThat(serve.isAlive()).as(read(dir.resolve("serve.log"))).isTrue();
    } finally {
      serve.destroy();
      serve.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }

  @Test
  void theCommentedTsigAndTokenLinesLoadOnceUncommentedAndTheirFilesExist() throws Exception {
    String yaml = Files.readString(Path.of("dist/tandem.yaml")).replaceAll("(?m)^( *)# ?((keys|tokens|allow-transfer|notify):|  - \\{)",
        "$1$2").replace("/etc/tandem/", dir + "/").replace("/var/lib/tandem", dir + "/data");
    Files.writeString(dir.resolve("xfr-key.secret"), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
    Files.writeString(dir.resolve("ops.token"), "an-operator-token-of-some-length\n");
    Files.createDirectories(dir.resolve("zones"));
    Files.copy(Path.of("dist/zones/example.com.zone"), dir.resolve("zones/example.com.zone"));
    Path config = dir.resolve("tandem.yaml");
    Files.writeString(config, yaml);
    TandemConfig c = new ConfigLoader().load(config);
    assertThat(c.zones()).extracting(z -> z.name().toString()).containsExactly("example.com.");
    assertThat(c.keys()).hasSize(1);
    assertThat(c.api().tokens()).hasSize(1);
    assertThat(c.zones().get(0).allowTransfer()).hasSize(2);
    assertThat(c.zones().get(0).notifyTargets()).hasSize(2);
  }

  @Test
  void theSystemdUnitRunsTheInstalledLauncherWithHardening() throws Exception {
    String unit = Files.readString(Path.of("dist/tandem.service"));
    assertThat(unit).contains("ExecStart=/opt/tandem/bin/tandem serve --config /etc/tandem/tandem.yaml",
        "ExecReload=/bin/kill -HUP $MAINPID", "DynamicUser=yes", "StateDirectory=tandem", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "AmbientCapabilities=CAP_NET_BIND_SERVICE",
        "#LoadCredential=xfr-key.secret:/etc/tandem/xfr-key.secret");
  }
}
