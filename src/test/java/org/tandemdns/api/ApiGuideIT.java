package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.testing.TandemInProcess;
import org.tandemdns.config.ApiConfig;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.ServerConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.PeerRequirement;
import org.xbill.DNS.Name;

/**
 * docs/api.md: its {@code api:} config is, verbatim, {@code docs-configs/api.yaml}, and Tandem runs
 * with it (moving only the listen addresses) with the roles the guide describes; and every
 * {@code sh} block of the guide runs, in order, in one bash session against a Tandem on the
 * embedded default's zone and token file, each block's output matching the output block shown
 * after it (JSON compared as JSON, timestamps excepted; text exactly).
 */
class ApiGuideIT {
  private static final Path GUIDE = Path.of("docs/api.md");
  private static final Path CONFIGS = Path.of("src/test/resources/docs-configs");
  private static final String DOC_URL = "http://127.0.0.1:8053";
  /** Fields whose values are instants: present in both, values not compared. */
  private static final Set<String> TIMES = Set.of("committed", "since", "learned", "next-refresh", "last-attempt", "last-success",
      "expire-at", "expires-at", "failing-until");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Example(String script, String language, String output) {}

  @Test
  void theGuideShowsTheTestedConfigVerbatim() throws IOException {
    assertThat(Files.readString(GUIDE)).contains("```yaml\n" + Files.readString(CONFIGS.resolve("api.yaml")) + "```\n");
  }

  @Test
  void tandemRunsWithTheGuidesConfigAndItsTwoRoles() throws Exception {
    Files.copy(CONFIGS.resolve("api.yaml"), tmp.resolve("tandem.yaml"));
    Files.createDirectories(tmp.resolve("tokens"));
    String ops = "ops-" + "a".repeat(30);
    String grafana = "grafana-" + "b".repeat(30);
    for (var t : Map.of("ops", ops, "grafana", grafana).entrySet()) {
      Path f = Files.writeString(tmp.resolve("tokens/" + t.getKey() + ".token"), t.getValue() + "\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }
    TandemConfig c = new ConfigLoader().load(tmp.resolve("tandem.yaml"));
    assertThat(c.api().listen()).isEqualTo(ApiConfig.DEFAULT_LISTEN);
    TandemConfig moved = new TandemConfig(c.server().withListen(List.of(HostPort.parse("127.0.0.1:0", 53))), c.keys(), c.zones(),
        c.monitor(), c.api().withListen(HostPort.parse("127.0.0.1:0", 8053)));
    try (TandemServer server = TandemInProcess.start(moved)) {
      ApiHttp anonymous = ApiHttp.at(server.apiAddress());
      assertThat(anonymous.get("/api/v1/zones").status()).isEqualTo(401);
      assertThat(anonymous.get("/metrics").status()).as("metrics-auth: false").isEqualTo(200);
      ApiHttp.Reply fill = anonymous.token(ops).post("/api/v1/zones", "{\"name\": \"example.org\", \"nameservers\": [\"ns1.example.org.\"]}");
      assertThat(fill.status()).as("%s", fill).isEqualTo(201);
      assertThat(fill.json().get("settings").get("serial-policy").asText()).as("the config's settings").isEqualTo("increment");
      assertThat(anonymous.token(grafana).get("/api/v1/zones/example.org").status()).isEqualTo(200);
      ApiHttp.Reply write = anonymous.token(grafana).put("/api/v1/zones/example.org/rrsets/www/A", "{\"records\": [\"192.0.2.1\"]}");
      assertThat(write.status()).isEqualTo(403);
      assertThat(write.error()).isEqualTo("token 'grafana' is read-only; this needs records-editor or higher");
      assertThat(anonymous.token(ops).put("/api/v1/zones/example.org/rrsets/www/A", "{\"records\": [\"192.0.2.1\"]}").status())
          .isEqualTo(200);
    }
  }

  @Test
  void everyExampleRunsAndPrintsWhatTheGuideShows() throws Exception {
    PeerRequirement.require("curl");
    List<Example> examples = examples(Files.readString(GUIDE));
    assertThat(examples).hasSizeGreaterThan(15);
    Path data = Files.createDirectories(tmp.resolve("tandem-data"));
    try (InputStream demo = TandemServer.class.getResourceAsStream("/demo/example.test.zone")) {
      Files.copy(demo, data.resolve("example.test.zone"));
    }
    TandemConfig config = new TandemConfig(
        ServerConfig.defaults().withListen(List.of(HostPort.parse("127.0.0.1:0", 53))).withDataDir(data), null,
        List.of(ZoneConfig.primary(Name.fromConstantString("example.test."), data.resolve("example.test.zone"))), null,
        ApiConfig.defaults().withListen(HostPort.parse("127.0.0.1:0", 8053)));
    try (TandemServer server = TandemInProcess.start(config)) {
      String url = "http://127.0.0.1:" + server.apiAddress().getPort();
      StringBuilder script = new StringBuilder();
      for (int i = 0; i < examples.size(); i++) {
        script.append("printf '\\n@@example ").append(i).append("@@\\n'\n").append(examples.get(i).script().replace(DOC_URL, url));
      }
      CommandResult run = DigRunner.run(Duration.ofSeconds(60), null, "bash", List.of("-c", "cd " + tmp + " && " + script));
      assertThat(run.stderr()).as("stderr of the examples").isEmpty();
      assertThat(run.exitCode()).isZero();
      String[] parts = run.stdout().split("\n@@example \\d+@@\n", -1);
      assertThat(parts).hasSize(examples.size() + 1);
      StringBuilder actual = new StringBuilder();
      for (int i = 0; i < examples.size(); i++) {
        actual.append("```sh\n").append(examples.get(i).script()).append("```\n```").append(examples.get(i).language()).append('\n')
            .append(parts[i + 1].stripTrailing()).append("\n```\n\n");
      }
      Files.writeString(Path.of("target/api-guide-actual.md"), actual);
      for (int i = 0; i < examples.size(); i++) {
        Example e = examples.get(i);
        String out = parts[i + 1].replace(tmp + "/", "");
        if (e.output() == null) {
          continue;
        }
        if (e.language().equals("json")) {
          JsonNode expected = JSON.readTree(e.output());
          JsonNode got = JSON.readTree(out);
          assertSameJson(expected, got, "example " + i + ":\n" + e.script() + "\n(actual outputs: target/api-guide-actual.md)");
        } else {
          assertThat(out.stripTrailing()).as("example %d:\n%s", i, e.script()).isEqualTo(e.output().stripTrailing());
        }
      }
    }
  }

  /** Every {@code sh} block, and the fenced block right after it (its output), if any. */
  static List<Example> examples(String markdown) {
    List<Example> out = new ArrayList<>();
    Matcher m = Pattern.compile("```sh\n(.*?)```\n(?:\n?```(json|text)\n(.*?)```\n)?", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      out.add(new Example(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3)));
    }
    return out;
  }

  private static void assertSameJson(JsonNode expected, JsonNode actual, String where) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(where + ": an object, got " + actual).isTrue();
      List<String> names = new ArrayList<>();
      expected.fieldNames().forEachRemaining(names::add);
      List<String> actualNames = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualNames::add);
      assertThat(actualNames).as(where + ": fields").containsExactlyInAnyOrderElementsOf(names);
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (TIMES.contains(f.getKey())) {
          assertThat(actual.get(f.getKey()).isNull()).as(where + ": null-ness of " + f.getKey()).isEqualTo(f.getValue().isNull());
        } else {
          assertSameJson(f.getValue(), actual.get(f.getKey()), where + " ." + f.getKey());
        }
      }
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(where + ": array size of " + actual).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSameJson(expected.get(i), actual.get(i), where + "[" + i + "]");
      }
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }
}
