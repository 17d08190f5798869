package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.Type;

/**
 * Continuous push from {@code tandem serve}: a primary zone with {@code push-to} BIND, Knot,
 * PowerDNS and a second Tandem. A change made through the source's API reaches all four; with Knot
 * stopped, a change reaches the other three while Knot is retried with back-off; the source is
 * restarted meanwhile (Knot's pending change survives it); Knot comes back with its old zone file
 * and is brought up to date by a full re-sync. Status is read from the API and the metrics.
 */
class PushIT {
  private static final String ZONE = "push.test";
  private static final Duration REACH = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void changesReachEveryTargetAndAStoppedTargetCatchesUpAfterTheSourceRestarts() throws IOException {
    try (SyncTargets targets = SyncTargets.start(tmp.resolve("targets"), Map.of(ZONE, SyncZones.v1(ZONE)))) {
      Path dir = tmp.resolve("targets");
      Files.writeString(dir.resolve("ready.zone"), "$ORIGIN ready.test.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n");
      Files.writeString(dir.resolve("source.token"), "source-token-0123456789\n");
      Endpoint dns = Endpoint.freeLoopback();
      int apiPort = Ports.allocate();
      Path config = Files.writeString(dir.resolve("source.yaml"), targets.keysAndProviders() + """
            push:
              retry-min: 500ms
              retry-max: 2s
          server:
            listen: ["%s"]
            data-dir: source-data
          api:
            listen: 127.0.0.1:%d
            tokens: [{ name: ops, secret-file: source.token, role: admin }]
          zones:
            - name: ready.test
              file: ready.zone
            - name: push.test
              allow-transfer: ["127.0.0.0/8"]
              push-to: [bind, knot, pdns, tandem]
          """.formatted(dns, apiPort));
      TandemApi api = new TandemApi(apiPort, "source-token-0123456789");

      TandemProcess source = start(config, dns, api);
      try {
        api.post("api/v1/zones", Map.of("name", ZONE, "zone-file", SyncZones.v1(ZONE))).requireOk();
        awaitStates(api, Map.of("bind", "in-sync", "knot", "in-sync", "pdns", "in-sync", "tandem", "in-sync"));

        api.post("api/v1/zones/push.test/changes", Map.of("changes", List.of(
            Map.of("op", "replace", "name", "www", "type", "A", "ttl", 300, "records", List.of("192.0.2.2")),
            Map.of("op", "add", "name", "new", "type", "A", "ttl", 300, "records", List.of("192.0.2.77")),
            Map.of("op", "delete", "name", "old", "type", "TXT"),
            Map.of("op", "replace", "name", "@", "type", "CAA", "ttl", 300, "records", List.of("0 issue \"ca.example.net\""))))).requireOk();
        for (Map.Entry<String, Endpoint> e : targets.endpoints().entrySet()) {
          awaitServed(e.getKey(), e.getValue(), "www.push.test", Type.A, "192.0.2.2");
          awaitServed(e.getKey(), e.getValue(), "new.push.test", Type.A, "192.0.2.77");
          awaitServed(e.getKey(), e.getValue(), "push.test", Type.CAA, "0 issue \"ca.example.net\"");
          awaitServed(e.getKey(), e.getValue(), "old.push.test", Type.TXT);
        }

        targets.stopKnot();
        api.post("api/v1/zones/push.test/changes", Map.of("changes", List.of(
            Map.of("op", "replace", "name", "h01", "type", "A", "ttl", 300, "records", List.of("198.51.100.1"))))).requireOk();
        for (String t : List.of("bind", "pdns", "tandem")) {
          awaitServed(t, targets.endpoints().get(t), "h01.push.test", Type.A, "198.51.100.1");
        }
        awaitStates(api, Map.of("knot", "failing"));
        JsonNode knot = target(api, "knot");
        assertThat(knot.get("failures").asInt()).isPositive();
        assertThat(knot.get("last-error").asText()).contains("Connection refused");
        assertThat(knot.get("next-attempt").isNull()).isFalse();
      } finally {
        source.close();
      }

      source = start(config, dns, api);
      try {
        awaitStates(api, Map.of("bind", "in-sync", "pdns", "in-sync", "tandem", "in-sync", "knot", "failing"));
        assertThat(target(api, "bind").get("last-result").asText()).isEqualTo("pushed before the restart");

        targets.startKnot();
        Endpoint knotAt = targets.endpoints().get("knot");
        // Knot restarts from its old zone file; whether a query sees that before the push's next retry
        // lands is a race, so the proof that the push caught it up is the re-sync of 5 changes below
        awaitServed("knot", knotAt, "h01.push.test", Type.A, "198.51.100.1");
        awaitServed("knot", knotAt, "www.push.test", Type.A, "192.0.2.2");
        awaitServed("knot", knotAt, "new.push.test", Type.A, "192.0.2.77");
        awaitServed("knot", knotAt, "old.push.test", Type.TXT);
        awaitStates(api, Map.of("knot", "in-sync"));
        assertThat(target(api, "knot").get("last-result").asText()).isEqualTo("re-sync: 5 changes");

        String metrics = api.get("metrics").requireOk().body();
        assertThat(metrics).contains("tandem_push_attempts_total{result=\"failed\",target=\"knot\",zone=\"push.test.\"}")
            .contains("tandem_push_pending{target=\"knot\",zone=\"push.test.\"} 0.0")
            .contains("tandem_push_failures{target=\"bind\",zone=\"push.test.\"} 0.0");

        List<String> check = new ArrayList<>(List.of("check", ZONE, "--timeout", "1s", "--json", "--expect-from", dns.toString()));
        check.addAll(targets.checkArgs());
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Cli.run(check).out());
        assertThat(report.get("reference").get("source").asText()).isEqualTo("server");
        for (JsonNode s : report.get("nameservers")) {
          assertThat(s.get("differences")).as(s.toString()).isEmpty();
          assertThat(s.get("content").asText()).as(s.toString()).isEqualTo("axfr");
        }
      } finally {
        source.close();
      }
    }
  }

  private static TandemProcess start(Path config, Endpoint dns, TandemApi api) {
    TandemProcess p = TandemProcess.builder().config(config, dns).awaitZone("ready.test").start();
    api.awaitUp(REACH);
    return p;
  }

  private static JsonNode target(TandemApi api, String name) {
    for (JsonNode t : api.get("api/v1/zones/push.test/push").requireOk().json().get("targets")) {
      if (t.get("target").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no push target " + name);
  }

  private static void awaitStates(TandemApi api, Map<String, String> states) {
    Wait.until(REACH, () -> states.entrySet().stream().allMatch(e -> target(api, e.getKey()).get("state").asText().equals(e.getValue())),
        () -> "push states are not " + states + ": " + api.get("api/v1/zones/push.test/push").body());
  }

  private static void awaitServed(String name, Endpoint server, String owner, int type, String... rdata) {
    Wait.until(REACH, () -> SyncIT.answer(server, owner, type).equals(List.of(rdata)),
        () -> name + " serves " + owner + " " + Type.string(type) + " " + SyncIT.answer(server, owner, type) + ", not " + List.of(rdata));
  }
}
