package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  Path write(String yaml) throws Exception {
    Path file = dir.resolve("tandem.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsTheDocumentedShapeAndResolvesPathsAgainstTheConfigFile() throws Exception {
    TandemConfig c = new ConfigLoader().load(write("""
        server:
          listen: ["127.0.0.1:5300", "[::1]:5300"]
          data-dir: state
          tcp-idle-timeout: 30s
          max-tcp-connections: 50
        zones:
          - name: example.com
            type: primary
            file: zones/example.com.zone
          - name: example.net.
            file: /abs/example.net.zone
        """));
    assertThat(c.server().listen()).extracting(HostPort::toString).containsExactly("127.0.0.1:5300", "[0:0:0:0:0:0:0:1]:5300");
    assertThat(c.server().dataDir()).isEqualTo(dir.resolve("state"));
    assertThat(c.server().tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.server().maxTcpConnections()).isEqualTo(50);
    assertThat(c.zones()).extracting(z -> z.name().toString()).containsExactly("example.com.", "example.net.");
    assertThat(c.zones().get(0).file()).isEqualTo(dir.resolve("zones/example.com.zone"));
    assertThat(c.zones().get(1).file()).isEqualTo(Path.of("/abs/example.net.zone"));
    assertThat(c.zones().get(1).type()).isEqualTo(ZoneType.PRIMARY);
  }

  @Test
  void aConfigurationLargerThanSnakeYamlsDefaultLimitLoads() throws Exception {
    // 3 MiB of text is SnakeYAML's default limit; 100,000 zones listed one a line are about 7 MiB
    StringBuilder yaml = new StringBuilder("zones:\n");
    for (int i = 0; i < 2_000; i++) {
      yaml.append("  - {name: z").append(i).append(".example., file: zones/z").append(i).append(".zone}\n");
    }
    String comment = "# " + "x".repeat(1_000) + "\n";
    yaml.append(comment.repeat(4 * 1024));
    assertThat(yaml.length()).isGreaterThan(4 << 20);

    TandemConfig c = new ConfigLoader().load(write(yaml.toString()));

    assertThat(c.zones()).hasSize(2_000);
    assertThat(c.zones().get(1_999).file()).isEqualTo(dir.resolve("zones/z1999.zone"));
  }

  @Test
  void notYamlIsReportedWithItsLine() throws Exception {
    assertThatThrownBy(() -> new ConfigLoader().load(write("server:\n  listen: [\"127.0.0.1:53\"\nzones: {\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tandem.yaml:").hasMessageContaining("not valid YAML");
  }

  @Test
  void anEmptyFileMeansDefaults() throws Exception {
    TandemConfig c = new ConfigLoader().load(write(""));
    assertThat(c.server().listen()).containsExactly(ServerConfig.DEFAULT_LISTEN);
    assertThat(c.zones()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      unknown top-level key  => server:\\n  listen: 127.0.0.1:53\\nbogus: 1\\n                                  => tandem.yaml:3: unknown key 'bogus' (known keys: api, dnssec-policies, keys, logging, monitor, server, sync, tls, zones
      unknown nested key     => zones:\\n  - name: a.test\\n    file: a.zone\\n    flie: b\\n                  => tandem.yaml:4: unknown key 'flie' in zones[0] (known keys: allow-notify, allow-transfer,
      bad listen address     => server:\\n  listen: ["127.0.0.1:99999"]\\n                                      => tandem.yaml:2: server.listen[0]: '127.0.0.1:99999': port '99999' is not a number from 0 to 65535
      listen needs an IP     => server:\\n  listen: localhost:53\\n                                           => tandem.yaml:2: server.listen[0]: 'localhost:53': 'localhost' is not an IP address
      bad zone type          => zones:\\n  - name: a.test\\n    type: tertiary\\n    file: a\\n                 => tandem.yaml:3: zones[0].type: 'tertiary' is not a zone type
      bad duration           => server:\\n  tcp-idle-timeout: soon\\n                                         => tandem.yaml:2: server.tcp-idle-timeout: 'soon' is not a duration
      no primaries           => zones:\\n  - name: a.test\\n    type: secondary\\n                           => tandem.yaml:2: zones[0]: zone a.test.: a secondary zone needs 'primaries'
      bad zone name          => zones:\\n  - name: a..test\\n    file: x\\n                                   => tandem.yaml:2: zones[0].name: 'a..test' is not a domain name
      duplicate zones        => zones:\\n  - {name: a.test, file: x}\\n  - {name: A.test., file: y}\\n              => tandem.yaml:3: zone A.test. is listed twice
      not yaml               => server:\\n  a: b: c\\n                                                    => tandem.yaml:2: not valid YAML
      """)
  void errorsNameTheFileLineAndKey(String what, String yaml, String expected) throws Exception {
    Path file = write(yaml.strip().replace("\\n", "\n"));
    assertThatThrownBy(() -> new ConfigLoader().load(file))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":" + expected.strip().substring("tandem.yaml:".length()));
  }

  @Test
  void readsKeysAclsNotifyTargetsAndPolicies() throws Exception {
    Files.writeString(dir.resolve("xfr.secret"), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
    TandemConfig c = new ConfigLoader().load(write("""
        keys:
          - {name: xfr-key, algorithm: hmac-sha512, secret-file: xfr.secret}
          - {name: inline, secret: c2VjcmV0}
        zones:
          - name: example.com
            file: example.com.zone
            allow-transfer: ["192.0.2.0/24 key xfr-key", "::1", "key inline"]
            notify: ["192.0.2.10", "[2001:db8::53]:5353 key xfr-key"]
            notify-ns: false
            serial-policy: dateserial
            journal-max-entries: 10
        """));
    assertThat(c.keys()).extracting(k -> k.toTsigKey().toString()).containsExactly("xfr-key. (hmac-sha512)", "inline. (hmac-sha256)");
    assertThat(c.keys().get(0).toTsigKey().secretBase64()).isEqualTo("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=");
    ZoneConfig z = c.zones().get(0);
    assertThat(z.transferAcl().allows(java.net.InetAddress.getByName("192.0.2.9"), org.xbill.DNS.Name.fromString("xfr-key."))).isTrue();
    assertThat(z.transferAcl().allows(java.net.InetAddress.getByName("192.0.2.9"), null)).isFalse();
    assertThat(z.notifyTargets()).extracting(Remote::toString).containsExactly("192.0.2.10:53", "[2001:db8:0:0:0:0:0:53]:5353 key xfr-key.");
    assertThat(z.notifyNs()).isFalse();
    assertThat(z.serialPolicy()).isEqualTo(org.tandemdns.zone.SerialPolicy.DATESERIAL);
    assertThat(z.journalRetention().maxEntries()).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      undefined key in an ACL   => zones:\\n  - name: a.test\\n    file: a\\n    allow-transfer:\\n      - 127.0.0.1\\n      - 127.0.0.2 key nope\\n => tandem.yaml:6: zones[0].allow-transfer[1]: key nope. is not defined under 'keys:'
      undefined key in notify   => zones:\\n  - name: a.test\\n    file: a\\n    notify: ["127.0.0.1 key nope"]\\n                 => tandem.yaml:4: zones[0].notify[0]: key nope. is not defined under 'keys:'
      bad ACL entry             => zones:\\n  - name: a.test\\n    file: a\\n    allow-transfer: ["example.com"]\\n                 => tandem.yaml:4: zones[0].allow-transfer[0]: 'example.com' is not an IP address or prefix
      bad notify target         => zones:\\n  - name: a.test\\n    file: a\\n    notify: ["127.0.0.1 with x"]\\n                  => tandem.yaml:4: zones[0].notify[0]: '127.0.0.1 with x': expected ADDR[:PORT]
      missing secret file       => keys:\\n  - name: k\\n    secret-file: missing.secret\\n                                 => tandem.yaml:3: keys[0].secret-file: cannot read
      both secret forms         => keys:\\n  - {name: k, secret: c2VjcmV0, secret-file: x}\\n                                  => tandem.yaml:2: keys[0]: key k.: give one of 'secret', 'secret-file' and 'secret-env', not several
      secret variable unset     => keys:\\n  - name: k\\n    secret-env: TANDEM_TEST_NO_SUCH_VARIABLE\\n                    => tandem.yaml:3: keys[0].secret-env: the environment variable TANDEM_TEST_NO_SUCH_VARIABLE is not set
      bad base64 secret         => keys:\\n  - {name: k, secret: "not base64!"}\\n                                         => tandem.yaml:2: keys[0]: the secret of TSIG key 'k.' is not valid base64
      unknown algorithm         => keys:\\n  - {name: k, algorithm: hmac-sha3, secret: c2VjcmV0}\\n                       => tandem.yaml:2: keys[0]: key k.: unknown algorithm 'hmac-sha3'
      bad serial policy         => zones:\\n  - name: a.test\\n    file: a\\n    serial-policy: sometimes\\n                  => tandem.yaml:4: zones[0].serial-policy: 'sometimes' is not a serial policy
      """)
  void securityAndPolicyErrorsNameTheLine(String what, String yaml, String expected) throws Exception {
    Path file = write(yaml.strip().replace("\\n", "\n"));
    assertThatThrownBy(() -> new ConfigLoader().load(file))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":" + expected.strip().substring("tandem.yaml:".length()));
  }

  @Test
  void aTsigSecretCanComeFromTheEnvironment() throws Exception {
    Path file = write("""
        keys:
          - {name: from-env, algorithm: hmac-sha512, secret-env: XFR_SECRET}
        """);
    TandemConfig c = new ConfigLoader(name -> name.equals("XFR_SECRET") ? " c2VjcmV0LWZyb20tZW52\n" : null).load(file);
    assertThat(c.keys().get(0).toTsigKey().secretBase64()).isEqualTo("c2VjcmV0LWZyb20tZW52");
    assertThat(c.keys().get(0).toTsigKey().toString()).isEqualTo("from-env. (hmac-sha512)");
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> new ConfigLoader().load(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml: no such file");
  }
}
