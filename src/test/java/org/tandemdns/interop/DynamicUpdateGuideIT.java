package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.testing.TandemInProcess;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * docs/dynamic-update.md, step by step: its tandem.yaml and update scripts are, verbatim, the files
 * under {@code docs-configs/}; the guide's shell lines run as written (with {@code tandem} the
 * packaged jar) except {@code tandem serve}, which runs in this JVM with exactly that config, moving
 * only the DNS and API listen addresses; where the guide says port 5300, the test's port is used.
 */
class DynamicUpdateGuideIT {
  private static final Path GUIDE = Path.of("docs/dynamic-update.md");
  private static final Path CONFIGS = Path.of("src/test/resources/docs-configs");

  @TempDir Path tmp;

  @Test
  void theGuideShowsTheTestedFilesVerbatim() throws IOException {
    String guide = Files.readString(GUIDE);
    assertThat(guide).contains("```yaml\n" + Files.readString(CONFIGS.resolve("dynamic-update.yaml")) + "```\n");
    assertThat(guide).contains("`update.txt`:\n\n```\n" + Files.readString(CONFIGS.resolve("update.txt")) + "```\n");
    assertThat(guide).contains("```\n" + Files.readString(CONFIGS.resolve("delete.txt")) + "```\n");
  }

  @Test
  void theGuidesStepsUpdateTheZone() throws Exception {
    List<String> blocks = shellBlocks(Files.readString(GUIDE));
    assertThat(blocks).hasSize(5);
    assertThat(blocks.get(1)).isEqualTo("tandem serve --config tandem.yaml\n");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path wrapper = Files.writeString(bin.resolve("tandem"),
        "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -XX:TieredStopAtLevel=1 -jar '"
            + TandemProcess.jar() + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    Files.copy(CONFIGS.resolve("dynamic-update.yaml"), tmp.resolve("tandem.yaml"));

    // 1. the key
    bash(blocks.get(0), null, 0).requireOk();
    assertThat(Files.readString(tmp.resolve("keys/update-key.secret"))).matches("[A-Za-z0-9+/]{43}=\n");

    // 2. tandem serve --config tandem.yaml, on free ports
    TandemConfig c = new ConfigLoader().load(tmp.resolve("tandem.yaml"));
    TandemConfig moved = new TandemConfig(c.server().withListen(List.of(HostPort.parse("127.0.0.1:0", 53))), c.keys(), c.zones(),
        c.monitor(), c.api().withListen(HostPort.parse("127.0.0.1:0", 8053)));
    try (TandemServer tandem = TandemInProcess.start(moved)) {
      int port = tandem.dnsAddresses().get(0).getPort();
      Endpoint dns = new Endpoint("127.0.0.1", port);
      String api = "http://127.0.0.1:" + tandem.apiAddress().getPort();
      for (String script : List.of("update.txt", "delete.txt")) {
        Files.writeString(tmp.resolve(script), Files.readString(CONFIGS.resolve(script)).replace("127.0.0.1 5300", "127.0.0.1 " + port));
      }

      CommandResult add = bash(blocks.get(2), api, port).requireOk();
      assertThat(add.stdout()).startsWith("created zone example.org.: serial 1, 2 records\n");
      assertThat(DnsQuery.to(dns).soaSerial("example.org")).isEqualTo(1);

      // 3. nsupdate
      CommandResult nsupdate = bash(blocks.get(3), api, port).requireOk();
      assertThat(nsupdate.stdout()).isEqualTo("2001:db8::1\n");
      assertThat(DnsQuery.to(dns).soaSerial("example.org")).as("four additions, one change").isEqualTo(2);
      assertThat(rdata(dns, "example.org", Type.MX)).containsExactly("10 mail.example.org.");

      // 4. knsupdate
      bash(blocks.get(4), api, port).requireOk();
      assertThat(DnsQuery.to(dns).soaSerial("example.org")).isEqualTo(3);
      assertThat(rdata(dns, "www.example.org", Type.A)).containsExactly("192.0.2.1");
      assertThat(rdata(dns, "www.example.org", Type.AAAA)).isEmpty();
      assertThat(rdata(dns, "example.org", Type.MX)).isEmpty();
      assertThat(DnsQuery.to(dns).send(DnsQuery.question("mail.example.org", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }
  }

  /** Runs {@code block} with bash in the guide's directory, {@code tandem} on the PATH and the moved addresses. */
  private CommandResult bash(String block, String api, int port) {
    String script = "export PATH='" + tmp.resolve("bin") + "':\"$PATH\"\n"
        + (api == null ? "" : "export TANDEM_SERVER=" + api + "\n")
        + "cd '" + tmp + "'\nset -e\n" + block.replace("-p 5300", "-p " + port);
    return DigRunner.run(Duration.ofSeconds(60), null, "bash", List.of("-c", script));
  }

  static List<String> shellBlocks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```sh\n(.*?)```\n", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> rdata(Endpoint dns, String name, int type) {
    return DnsQuery.to(dns).send(DnsQuery.question(name, type)).getSection(Section.ANSWER).stream()
        .filter(r -> r.getType() == type).map(Record::rdataToString).toList();
  }
}
