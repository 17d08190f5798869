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
  void anEmptyFileMeansDefaults() throws Exception {
    TandemConfig c = new ConfigLoader().load(write(""));
    assertThat(c.server().listen()).containsExactly(ServerConfig.DEFAULT_LISTEN);
    assertThat(c.zones()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      unknown top-level key  => server:\\n  listen: 127.0.0.1:53\\nbogus: 1\\n                                  => tandem.yaml:3: unknown key 'bogus' (known keys: server, zones)
      unknown nested key     => zones:\\n  - name: a.test\\n    file: a.zone\\n    flie: b\\n                  => tandem.yaml:4: unknown key 'flie' in zones[0] (known keys: file, name, type)
      bad listen address     => server:\\n  listen: ["127.0.0.1:99999"]\\n                                      => tandem.yaml:2: server.listen[0]: '127.0.0.1:99999': port '99999' is not a number from 0 to 65535
      listen needs an IP     => server:\\n  listen: localhost:53\\n                                           => tandem.yaml:2: server.listen[0]: 'localhost:53': 'localhost' is not an IP address
      bad zone type          => zones:\\n  - name: a.test\\n    type: tertiary\\n    file: a\\n                 => tandem.yaml:3: zones[0].type: 'tertiary' is not a zone type
      bad duration           => server:\\n  tcp-idle-timeout: soon\\n                                         => tandem.yaml:2: server.tcp-idle-timeout: 'soon' is not a duration
      missing zone file      => zones:\\n  - name: a.test\\n                                                  => tandem.yaml:2: zones[0]: zone a.test.: missing 'file'
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
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> new ConfigLoader().load(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml: no such file");
  }
}
