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
    for (String f : List.of("bin/tandem", "lib/tandem.jar", "etc/tandem.yaml", "etc/tandem.service", "docs/README.md",
        "docs/primary.md", "docs/secondary.md")) {
      assertThat(root.resolve(f)).as(f).exists();
    }
    Process version = new ProcessBuilder(root.resolve("bin/tandem").toString(), "--version").redirectErrorStream(true).start();
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(version.getInputStream().readAllBytes());
    assertThat(version.exitValue()).as(out).isZero();
    assertThat(out).startsWith("tandem ");
  }

  @Test
  void theExampleConfigLoadsOnceItsFilesExist() throws Exception {
    String yaml = Files.readString(Path.of("dist/tandem.yaml")).replace("/etc/tandem/", dir + "/").replace("/var/lib/tandem", dir + "/data");
    Files.writeString(dir.resolve("xfr-key.secret"), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
    Files.writeString(dir.resolve("ops.token"), "an-operator-token-of-some-length\n");
    Path config = dir.resolve("tandem.yaml");
    Files.writeString(config, yaml);
    TandemConfig c = new ConfigLoader().load(config);
    assertThat(c.zones()).extracting(z -> z.name().toString()).containsExactly("example.com.");
    assertThat(c.keys()).hasSize(1);
    assertThat(c.api().tokens()).hasSize(1);
  }

  @Test
  void theSystemdUnitRunsTheInstalledLauncherWithHardening() throws Exception {
    String unit = Files.readString(Path.of("dist/tandem.service"));
    assertThat(unit).contains("ExecStart=/opt/tandem/bin/tandem serve --config /etc/tandem/tandem.yaml",
        "ExecReload=/bin/kill -HUP $MAINPID", "DynamicUser=yes", "StateDirectory=tandem", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "AmbientCapabilities=CAP_NET_BIND_SERVICE");
  }
}
