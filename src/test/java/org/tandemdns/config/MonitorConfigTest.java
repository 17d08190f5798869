package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorConfigTest {

  @TempDir Path tmp;

  private TandemConfig load(String yaml) throws Exception {
    Path f = Files.writeString(tmp.resolve("tandem.yaml"), yaml);
    return new ConfigLoader().load(f);
  }

  @Test
  void monitorSectionFromTheOperatorGuideLoads() throws Exception {
    TandemConfig c = load("""
        server:
          listen: ["127.0.0.1:5300"]
        monitor:
          interval: 30s
          grace: 5m
          alert-on-serial-change: true
          webhooks:
            - { url: "http://127.0.0.1:9000/alerts", format: json }
            - { url: "https://hooks.slack.com/services/T000/B000/XXXX", format: slack, timeout: 3s }
          zones:
            - name: example.test
              nameservers: ["ns1=127.0.0.1:5301", "ns2=127.0.0.1:5302,[::1]:5302"]
              expect: zones/example.test.zone
            - name: example.com
              discover-from: 192.0.2.53
              expect-from: "[2001:db8::5]:5300"
              key-file: keys/xfr.key
              parent: 192.0.2.1
        """);
    MonitorConfig m = c.monitor();
    assertThat(m.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(m.grace()).isEqualTo(Duration.ofMinutes(5));
    assertThat(m.alertOnSerialChange()).isTrue();
    assertThat(m.alertOnNsChange()).isFalse();
    assertThat(m.webhooks()).extracting(WebhookConfig::format).containsExactly(WebhookConfig.Format.JSON, WebhookConfig.Format.SLACK);
    assertThat(m.webhooks().get(1).timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(m.zones()).hasSize(2);
    assertThat(m.zones().get(0).expect()).isEqualTo(tmp.toAbsolutePath().resolve("zones/example.test.zone"));
    assertThat(m.zones().get(0).nameservers()).containsExactly("ns1=127.0.0.1:5301", "ns2=127.0.0.1:5302,[::1]:5302");
    assertThat(m.zones().get(1).expectFrom().port()).isEqualTo(5300);
    assertThat(m.zones().get(1).discoverPort()).isEqualTo(53);
    assertThat(m.zones().get(1).keyFile()).isEqualTo(tmp.toAbsolutePath().resolve("keys/xfr.key"));
    assertThat(m.historyFileIn(c.server().dataDir())).isEqualTo(c.server().dataDir().resolve("monitor-alerts.jsonl"));
  }

  @Test
  void configWithoutMonitorSectionHasNoMonitor() throws Exception {
    assertThat(load("server:\n  listen: [\"127.0.0.1:5300\"]\n").monitor()).isNull();
  }

  @Test
  void unknownMonitorKeyNamesFileAndLine() {
    assertThatThrownBy(() -> load("""
        monitor:
          intervall: 30s
          zones: []
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.yaml:2:")
        .hasMessageContaining("unknown key 'intervall'");
  }

  @Test
  void zoneWithoutNameserversOrDiscoveryIsRejected() {
    assertThatThrownBy(() -> load("""
        monitor:
          zones:
            - name: example.test
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("give 'nameservers' or 'discover-from'");
  }

  @Test
  void unknownWebhookFormatIsRejected() {
    assertThatThrownBy(() -> load("""
        monitor:
          webhooks: [{ url: "http://127.0.0.1:1/x", format: teams }]
          zones: []
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'teams' is not a webhook format");
  }

  @Test
  void monitoredZoneNamesAKeyDefinedUnderKeys() throws Exception {
    TandemConfig c = load("""
        keys:
          - { name: xfr-key, algorithm: hmac-sha256, secret: c2VjcmV0c2VjcmV0 }
        monitor:
          zones:
            - { name: example.test, nameservers: ["ns1=127.0.0.1:5301"], key: xfr-key }
        """);
    assertThat(c.monitor().zones().get(0).key().toString()).isEqualTo("xfr-key.");
  }

  @Test
  void monitoredZoneNamingAnUndefinedKeyIsAnErrorWithItsLine() {
    assertThatThrownBy(() -> load("""
        monitor:
          zones:
            - name: example.test
              nameservers: ["ns1=127.0.0.1:5301"]
              key: missing-key
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitor.zones[0].key: key missing-key. is not defined under 'keys:'");
  }

  @Test
  void exampleInTheOperatorGuideLoads() throws Exception {
    String guide = Files.readString(Path.of("docs/check-and-monitor.md"));
    int start = guide.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = guide.substring(start, guide.indexOf("```", start));
    Files.createDirectories(tmp.resolve("keys"));
    Files.writeString(tmp.resolve("keys/xfr-key.secret"), "c2VjcmV0c2VjcmV0\n");
    TandemConfig c = load(yaml);
    assertThat(c.monitor().zones()).extracting(z -> z.name().toString()).containsExactly("example.test.", "example.com.");
    assertThat(c.monitor().webhooks()).hasSize(2);
    assertThat(c.monitor().zones().get(1).key().toString()).isEqualTo("xfr-key.");
  }
}
