package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.TandemInProcess;

/**
 * docs/access.md: its config, verbatim, runs (ports moved to free ones) and each token does what
 * the guide says: the steering bot changes its zone's records and nothing else, the lab team makes
 * zones below lab.example.com only, the dashboard only reads, and the history names each author.
 */
class AccessGuideIT {
  private static final Path GUIDE = Path.of("docs/access.md");
  private static final Path CONFIG = Path.of("src/test/resources/docs-configs/access.yaml");

  @TempDir Path tmp;

  @Test
  void theGuideShowsTheTestedConfigVerbatim() throws IOException {
    assertThat(Files.readString(GUIDE)).contains("```yaml\n" + Files.readString(CONFIG) + "```\n");
  }

  @Test
  void eachTokenOfTheGuideDoesWhatItSaysAndNoMore() throws Exception {
    Files.copy(CONFIG, tmp.resolve("tandem.yaml"));
    Files.createDirectories(tmp.resolve("tokens"));
    Map<String, String> secrets = Map.of("ops", "ops-" + "a".repeat(30), "steering-bot", "bot-" + "b".repeat(30),
        "lab-team", "lab-" + "c".repeat(30), "grafana", "graf-" + "d".repeat(30));
    for (var t : secrets.entrySet()) {
      Path f = Files.writeString(tmp.resolve("tokens/" + t.getKey() + ".token"), t.getValue() + "\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }
    TandemConfig c = new ConfigLoader().load(tmp.resolve("tandem.yaml"));
    assertThat(c.api().tokens()).extracting(t -> t.name() + " " + t.role().configName() + " " + t.zones())
        .containsExactly("ops admin []", "steering-bot records-editor [mgmt.example.net.]", "lab-team zone-admin [*.lab.example.com.]",
            "grafana read-only []");
    TandemConfig moved = new TandemConfig(c.server().withListen(List.of(HostPort.parse("127.0.0.1:0", 53))), c.keys(), c.zones(),
        c.monitor(), c.api().withListen(HostPort.parse("127.0.0.1:0", 8053)));
    try (TandemServer server = TandemInProcess.start(moved)) {
      ApiHttp ops = ApiHttp.at(server.apiAddress()).token(secrets.get("ops"));
      ApiHttp bot = ApiHttp.at(server.apiAddress()).token(secrets.get("steering-bot"));
      ApiHttp lab = ApiHttp.at(server.apiAddress()).token(secrets.get("lab-team"));
      ApiHttp grafana = ApiHttp.at(server.apiAddress()).token(secrets.get("grafana"));
      for (String zone : List.of("example.com", "mgmt.example.net")) {
        ApiHttp.Reply fill = ops.post("/api/v1/zones", "{\"name\": \"" + zone + "\", \"nameservers\": [\"ns1.example.net.\"]}");
        assertThat(fill.status()).as("%s", fill).isEqualTo(201);
      }

      String www = "{\"ttl\": 60, \"records\": [\"192.0.2.10\"]}";
      assertThat(bot.put("/api/v1/zones/mgmt.example.net/rrsets/www/A", www).status()).isEqualTo(200);
      ApiHttp.Reply elsewhere = bot.put("/api/v1/zones/example.com/rrsets/www/A", www);
      assertThat(elsewhere.status()).isEqualTo(403);
      assertThat(elsewhere.error()).isEqualTo("token 'steering-bot' may not touch zone example.com. (its zones: mgmt.example.net.)");
      ApiHttp.Reply reload = bot.post("/api/v1/zones/mgmt.example.net/notify", null);
      assertThat(reload.error()).isEqualTo("token 'steering-bot' is records-editor; this needs zone-admin or higher");
      assertThat(bot.get("/api/v1/zones").json().get("zones")).extracting(z -> z.get("name").asText())
          .containsExactly("mgmt.example.net.");

      String zone = "{\"name\": \"%s\", \"nameservers\": [\"ns1.example.net.\"], \"notify-ns\": false}";
      assertThat(lab.post("/api/v1/zones", zone.formatted("ci.lab.example.com")).status()).isEqualTo(201);
      assertThat(lab.post("/api/v1/zones", zone.formatted("lab.example.com")).status()).isEqualTo(403);
      assertThat(lab.put("/api/v1/zones/ci.lab.example.com/rrsets/www/A", www).status()).isEqualTo(200);
      assertThat(lab.delete("/api/v1/zones/example.com").status()).isEqualTo(403);

      assertThat(grafana.get("/api/v1/zones").json().get("zones")).hasSize(3);
      assertThat(grafana.get("/api/v1/zones/example.com/history").status()).isEqualTo(200);
      assertThat(grafana.put("/api/v1/zones/example.com/rrsets/www/A", www).status()).isEqualTo(403);
      assertThat(grafana.get("/api/v1/tokens").error()).isEqualTo("token 'grafana' is read-only; this needs admin");

      JsonNode history = ops.get("/api/v1/zones/mgmt.example.net/history").json().get("history");
      assertThat(history).singleElement().satisfies(h -> {
        assertThat(h.get("via").asText() + " " + h.get("who").asText()).isEqualTo("api steering-bot");
        assertThat(h.get("added").get(0).asText()).contains("www.mgmt.example.net.").contains("192.0.2.10");
      });
      assertThat(ops.get("/api/v1/zones/example.com/history").json().get("history")).isEmpty();
    }
  }
}
