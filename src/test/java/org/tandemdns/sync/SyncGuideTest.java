package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.PowerDnsProviderConfig;
import org.tandemdns.config.Route53ProviderConfig;
import org.tandemdns.config.SyncZoneConfig;
import org.tandemdns.sync.provider.Capabilities;
import org.tandemdns.config.SyncProviderConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.TandemProviderConfig;

/**
 * The guide docs/sync.md shows, verbatim, the configurations under
 * {@code src/test/resources/docs-configs/} (sync.yaml for {@code tandem sync}, push.yaml for
 * {@code tandem serve} with push-to), and both load once their secrets exist.
 */
class SyncGuideTest {
  private static final Path GUIDE = Path.of("docs/sync.md");
  private static final Path CONFIGS = Path.of("src/test/resources/docs-configs");

  @TempDir Path tmp;

  @BeforeEach
  void copyConfigsAndMakeSecrets() throws IOException {
    try (Stream<Path> files = Files.walk(CONFIGS)) {
      for (Path p : files.toList()) {
        Path target = tmp.resolve(CONFIGS.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Files.createDirectories(tmp.resolve("keys"));
    Files.writeString(tmp.resolve("keys/sync-key.secret"), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
    Files.writeString(tmp.resolve("keys/tandem-b.token"), "an-admin-token-of-tandem-b\n");
    Files.writeString(tmp.resolve("keys/pdns.key"), "the-powerdns-api-key\n");
  }

  @Test
  void theGuideShowsTheTestedFilesVerbatim() throws IOException {
    String guide = Files.readString(GUIDE);
    assertThat(guide).contains("```yaml\n" + Files.readString(CONFIGS.resolve("sync.yaml")) + "```\n");
    assertThat(guide).contains("```yaml\n" + Files.readString(CONFIGS.resolve("push.yaml")) + "```\n");
    assertThat(guide).contains("```yaml\n" + Files.readString(CONFIGS.resolve("sync-route53.yaml")) + "```\n");
  }

  @Test
  void theRoute53ConfigLoadsWithItsHabits() throws Exception {
    TandemConfig c = new ConfigLoader().load(tmp.resolve("sync-route53.yaml"));
    Route53ProviderConfig aws = (Route53ProviderConfig) c.sync().providers().get(1);
    assertThat(aws.privateZone()).isFalse();
    assertThat(aws.throttleDeadline()).hasMinutes(2);
    SyncZoneConfig z = c.sync().zones().get(0);
    assertThat(z.ignore()).hasSize(2);
    assertThat(z.settingsFor("aws").lenient()).isTrue();
    assertThat(z.settingsFor("aws").maxDeletes().count()).isEqualTo(5);
    assertThat(z.settingsFor("bind").maxDeletes().count()).isEqualTo(10);
    assertThat(z.settingsFor("bind").lenient()).isFalse();
  }

  /** The capability table in docs/sync.md is {@link Capabilities#ALL}, row for row. */
  @Test
  void theCapabilityTableIsTheOneInTheCode() throws IOException {
    StringBuilder table = new StringBuilder("| type | record types | TTL | one batch |\n|---|---|---|---|\n");
    for (Capabilities c : Capabilities.ALL) {
      table.append("| `").append(c.providerType()).append("` | ").append(c.typesText()).append(" | ")
          .append(c.minTtl()).append(" to ").append(c.maxTtl()).append(" s | ").append(c.batchLimit()).append(" |\n");
    }
    assertThat(Files.readString(GUIDE)).contains(table);
  }

  @Test
  void theSyncConfigLoadsWithItsCredentials() throws Exception {
    TandemConfig c = new ConfigLoader(Map.of("PDNS_API_KEY", "from-the-environment")::get).load(tmp.resolve("sync.yaml"));
    assertThat(c.sync().providers()).extracting(SyncProviderConfig::name).containsExactly("bind", "knot", "pdns", "tandem-b");
    assertThat(((PowerDnsProviderConfig) c.sync().providers().get(2)).apiKey()).isEqualTo("from-the-environment");
    assertThat(((TandemProviderConfig) c.sync().providers().get(3)).token()).isEqualTo("an-admin-token-of-tandem-b");
    assertThat(c.sync().zones()).hasSize(1);
    assertThat(c.sync().zones().get(0).source().file()).isEqualTo(tmp.resolve("zones/example.com.zone"));
    assertThat(Files.exists(c.sync().zones().get(0).source().file())).isTrue();
  }

  @Test
  void theGuidesExampleOfAMistakeIsTheErrorTandemGives() throws Exception {
    Path file = tmp.resolve("sync.yaml");
    Files.writeString(file, Files.readString(file).replace("targets: [bind, knot, pdns, tandem-b]", "targets: [bind, knot, pdns, tandem-c]"));
    String guide = Files.readString(GUIDE).replaceAll("\\s+", " ");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PDNS_API_KEY", "k")::get).load(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          String shown = "`" + e.getMessage().replace(tmp + "/", "") + "`";
          assertThat(guide.contains(shown)).as("docs/sync.md shows " + shown).isTrue();
        });
  }

  @Test
  void thePushConfigLoads() throws Exception {
    TandemConfig c = new ConfigLoader().load(tmp.resolve("push.yaml"));
    assertThat(c.zones().get(0).pushTo()).containsExactly("bind", "pdns");
    assertThat(c.zones().get(0).managed()).isTrue();
    assertThat(((PowerDnsProviderConfig) c.sync().providers().get(1)).apiKey()).isEqualTo("the-powerdns-api-key");
    assertThat(c.sync().push().resyncInterval()).hasMinutes(10);
  }
}
