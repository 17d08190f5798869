package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class SyncConfigTest {
  @TempDir Path dir;

  private static final String PROVIDERS = """
      keys:
        - { name: up-key, secret: c2VjcmV0LXNlY3JldC1zZWNyZXQ= }
      sync:
        providers:
          - name: bind
            type: rfc2136
            server: 192.0.2.53
            key: up-key
          - name: pdns
            type: powerdns
            url: http://127.0.0.1:8081
            api-key-env: PDNS_KEY
            nameservers: ["192.0.2.54", "[2001:db8::54]:5353"]
          - name: other
            type: tandem
            url: https://tandem.example.net:8053
            token-file: secrets/other.token
            timeout: 5s
      """;

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("tandem.yaml"), yaml);
  }

  @Test
  void readsProvidersZonesAndPushSettingsWithCredentialsFromFilesAndTheEnvironment() throws Exception {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/other.token"), "token-from-a-file-0123\n");
    Path file = write(PROVIDERS + """
          zones:
            - name: example.com
              source: { file: zones/example.com.zone }
              targets: [bind, pdns]
              max-change: 12.5%
            - name: example.net
              source: { provider: other }
              targets: [bind]
              include-apex-ns: true
          push:
            retry-max: 1m
        zones:
          - name: example.org
            push-to: [bind, other]
        """);
    TandemConfig c = new ConfigLoader(Map.of("PDNS_KEY", "key-from-the-environment")::get).load(file);
    SyncConfig s = c.sync();
    assertThat(s.providers()).extracting(SyncProviderConfig::name).containsExactly("bind", "pdns", "other");
    Rfc2136ProviderConfig bind = (Rfc2136ProviderConfig) s.providers().get(0);
    assertThat(bind.server().toString()).isEqualTo("192.0.2.53:53");
    assertThat(bind.key()).isEqualTo(Name.fromConstantString("up-key."));
    assertThat(bind.nameservers()).containsExactly(bind.server());
    assertThat(bind.maxMessageBytes()).isEqualTo(65535);
    PowerDnsProviderConfig pdns = (PowerDnsProviderConfig) s.providers().get(1);
    assertThat(pdns.apiKey()).isEqualTo("key-from-the-environment");
    assertThat(pdns.serverId()).isEqualTo("localhost");
    assertThat(pdns.url()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(pdns.nameservers()).extracting(HostPort::port).containsExactly(53, 5353);
    assertThat(pdns.toString()).doesNotContain("key-from-the-environment");
    TandemProviderConfig other = (TandemProviderConfig) s.providers().get(2);
    assertThat(other.token()).isEqualTo("token-from-a-file-0123");
    assertThat(other.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.zones().get(0).source().file()).isEqualTo(dir.resolve("zones/example.com.zone"));
    assertThat(s.zones().get(0).maxChange().fraction()).isEqualTo(0.125);
    assertThat(s.zones().get(0).includeApexNs()).isFalse();
    assertThat(s.zones().get(1).source().provider()).isEqualTo("other");
    assertThat(s.zones().get(1).maxChange()).isEqualTo(SyncZoneConfig.DEFAULT_MAX_CHANGE);
    assertThat(s.zones().get(1).includeApexNs()).isTrue();
    assertThat(s.push().retryMax()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.push().retryMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.zones().get(0).pushTo()).containsExactly("bind", "other");
  }

  @Test
  void safetyIgnoreAndPerTargetSettingsAreRead() throws Exception {
    Path file = write("""
        sync:
          providers:
            - { name: aws, type: route53 }
            - { name: pdns, type: powerdns, url: "http://127.0.0.1:8081", api-key: k }
          zones:
            - name: example.com
              source: { file: example.com.zone }
              targets: [aws, pdns]
              max-updates: 10%
              max-deletes: 25
              ignore:
                - { name: "_acme-challenge.**", type: [TXT] }
                - { type: [TXT], content: "^\\"google-site-verification=" }
              per-target:
                aws: { max-deletes: 5%, lenient: true }
        """);
    SyncZoneConfig z = new ConfigLoader().load(file).sync().zones().get(0);
    Route53ProviderConfig aws = (Route53ProviderConfig) new ConfigLoader().load(file).sync().providers().get(0);
    assertThat(aws.region()).isEqualTo("us-east-1");
    assertThat(aws.privateZone()).isFalse();
    assertThat(aws.throttleDeadline()).isEqualTo(Duration.ofMinutes(2));
    assertThat(z.ignore()).extracting(SyncIgnoreRule::name).containsExactly("_acme-challenge.**", "**");
    assertThat(z.ignore().get(1).content()).isEqualTo("^\"google-site-verification=");
    SyncTargetSettings pdns = z.settingsFor("pdns");
    assertThat(pdns.maxUpdates().toString()).isEqualTo("10%");
    assertThat(pdns.maxDeletes().toString()).isEqualTo("25 RRsets");
    assertThat(pdns.lenient()).isFalse();
    SyncTargetSettings awsSettings = z.settingsFor("aws");
    assertThat(awsSettings.maxUpdates().toString()).isEqualTo("10%");
    assertThat(awsSettings.maxDeletes().toString()).isEqualTo("5%");
    assertThat(awsSettings.lenient()).isTrue();
    assertThat(awsSettings.maxChange()).isEqualTo(SyncZoneConfig.DEFAULT_MAX_CHANGE);
  }

  @Test
  void withoutASyncSectionThereAreNoProviders() throws Exception {
    TandemConfig c = new ConfigLoader().load(write("zones:\n  - { name: a.test, file: a.zone }\n"));
    assertThat(c.sync().providers()).isEmpty();
    assertThat(c.zones().get(0).pushTo()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      unknown provider type   => sync:\\n  providers:\\n    - { name: x, type: cloudflare }\\n                                 => tandem.yaml:3: sync.providers[0]: 'cloudflare' is not a provider type (known: rfc2136, powerdns, tandem, route53)
      provider without type   => sync:\\n  providers:\\n    - { name: x, server: 192.0.2.1 }\\n                               => tandem.yaml:3: sync.providers[0]: a provider needs a 'type'
      unknown provider key    => sync:\\n  providers:\\n    - { name: x, type: rfc2136, server: 192.0.2.1, url: y }\\n            => tandem.yaml:3: unknown key 'url' in sync.providers[0]
      rfc2136 without server  => sync:\\n  providers:\\n    - { name: x, type: rfc2136 }\\n                                     => tandem.yaml:3: sync.providers[0]: provider x: an rfc2136 provider needs 'server'
      undefined TSIG key      => sync:\\n  providers:\\n    - name: x\\n      type: rfc2136\\n      server: 192.0.2.1\\n      key: nope\\n => tandem.yaml:6: sync.providers[0].key: key nope. is not defined under 'keys:'
      two api keys            => sync:\\n  providers:\\n    - { name: p, type: powerdns, url: http://a, api-key: k, api-key-env: E }\\n => tandem.yaml:3: sync.providers[0]: provider p: give exactly one of 'api-key', 'api-key-file' and 'api-key-env'
      unset environment       => sync:\\n  providers:\\n    - { name: p, type: powerdns, url: http://a, api-key-env: UNSET_XYZ }\\n  => tandem.yaml:3: sync.providers[0]: provider p: api-key-env: the environment variable UNSET_XYZ is not set
      unreadable token file   => sync:\\n  providers:\\n    - { name: t, type: tandem, url: http://a, token-file: none.token }\\n     => tandem.yaml:3: sync.providers[0]: provider t: token-file: cannot read
      tiny messages           => sync:\\n  providers:\\n    - { name: x, type: rfc2136, server: 192.0.2.1, max-message-bytes: 600 }\\n => tandem.yaml:3: sync.providers[0]: provider x: max-message-bytes must be from 1024 to 65535
      route53 bad endpoint    => sync:\\n  providers:\\n    - { name: r, type: route53, endpoint: 'ftp://a' }\\n                => tandem.yaml:3: sync.providers[0]: provider r: url 'ftp://a' is not an http or https URL
      route53 zero deadline   => sync:\\n  providers:\\n    - { name: r, type: route53, throttle-deadline: 0s }\\n              => tandem.yaml:3: sync.providers[0]: provider r: throttle-deadline must be positive
      per-target stranger     => sync:\\n  providers:\\n    - { name: r, type: route53 }\\n  zones:\\n    - { name: a.test, source: { file: a.zone }, targets: [r], per-target: { x: { lenient: true } } }\\n => tandem.yaml:5: sync.zones[0]: zone a.test.: per-target names x, which is not one of its targets [r]
      bad threshold           => sync:\\n  providers:\\n    - { name: r, type: route53 }\\n  zones:\\n    - { name: a.test, source: { file: a.zone }, targets: [r], max-deletes: lots }\\n => tandem.yaml:5: sync.zones[0].max-deletes: 'lots' is neither a share (10%) nor a count (25) of RRsets
      bad ignore type         => sync:\\n  providers:\\n    - { name: r, type: route53 }\\n  zones:\\n    - { name: a.test, source: { file: a.zone }, targets: [r], ignore: [ { type: [NOPE] } ] }\\n => tandem.yaml:5: sync.zones[0].ignore[0]: ignore type 'NOPE' is not a record type
      bad url                 => sync:\\n  providers:\\n    - { name: t, type: tandem, url: 'ftp://a', token: x }\\n                   => tandem.yaml:3: sync.providers[0]: provider t: url 'ftp://a' is not an http or https URL
      duplicate providers     => sync:\\n  providers:\\n    - { name: t, type: tandem, url: http://a, token: x }\\n    - { name: t, type: tandem, url: http://b, token: y }\\n => tandem.yaml:1: sync: provider t is listed twice
      unknown target          => sync:\\n  providers:\\n    - { name: t, type: tandem, url: http://a, token: x }\\n  zones:\\n    - { name: a.test, source: { file: a }, targets: [t, u] }\\n => tandem.yaml:5: sync.zones[0].targets[1]: provider u is not defined under 'sync.providers' (defined: t)
      unknown source provider => sync:\\n  providers:\\n    - { name: t, type: tandem, url: http://a, token: x }\\n  zones:\\n    - { name: a.test, source: { provider: s }, targets: [t] }\\n => tandem.yaml:5: sync.zones[0].source.provider: provider s is not defined
      source and file         => sync:\\n  zones:\\n    - { name: a.test, source: { provider: s, file: f }, targets: [t] }\\n   => tandem.yaml:3: sync.zones[0].source: a source is either 'file: PATH' or 'provider: NAME'
      no targets              => sync:\\n  zones:\\n    - { name: a.test, source: { file: f } }\\n                                   => tandem.yaml:3: sync.zones[0]: zone a.test.: give 'targets'
      bad percentage          => sync:\\n  zones:\\n    - { name: a.test, source: { file: f }, targets: [t], max-change: lots }\\n => tandem.yaml:3: sync.zones[0].max-change: 'lots' is not a percentage
      push-to unknown         => zones:\\n  - name: a.test\\n    push-to: [nowhere]\\n                                         => tandem.yaml:3: zones[0].push-to[0]: provider nowhere is not defined under 'sync.providers'
      push-to on a secondary  => zones:\\n  - { name: a.test, type: secondary, primaries: [192.0.2.1], push-to: [x] }\\n          => tandem.yaml:2: zones[0]: zone a.test.: 'push-to' is for primary zones
      """)
  void errorsNameTheFileLineAndKey(String what, String yaml, String expected) throws Exception {
    Path file = write(yaml.strip().replace("\\n", "\n"));
    assertThatThrownBy(() -> new ConfigLoader(name -> null).load(file))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":" + expected.strip().substring("tandem.yaml:".length()));
  }

  @ParameterizedTest
  @CsvSource({"30%, 0.30", "30, 0.30", "12.5%, 0.125", "0%, 0", "100%, 1"})
  void percentagesParse(String text, double fraction) {
    assertThat(Percent.parse(text).fraction()).isCloseTo(fraction, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void percentagesAboveAHundredAreRefused() {
    assertThatThrownBy(() -> Percent.parse("101%")).hasMessageContaining("more than 100%");
  }
}
