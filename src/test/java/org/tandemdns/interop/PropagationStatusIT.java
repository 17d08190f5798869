package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.testing.TandemInProcess;
import org.tandemdns.cli.Main;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;

/**
 * "Where is my change?": a Tandem primary with a BIND and a Knot secondary, each its own NOTIFY
 * target with its own key. After each change made through the API, the zone's status (API and
 * {@code tandem zone show}) shows each secondary reaching the new serial, with the time it took;
 * with Knot stopped, the next change shows BIND having it and Knot one serial behind.
 */
class PropagationStatusIT {
  private static final String ZONE = "prop.test";
  private static final String TOKEN = "propagation-it-admin-token";
  private static final Duration PROPAGATION = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void theStatusShowsEachSecondaryReachingEachChangeWithATime() throws Exception {
    TsigKey bindKey = TsigKey.generate("bind-key");
    TsigKey knotKey = TsigKey.generate("knot-key");
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    String bindTarget = bindAt.toString();
    String knotTarget = knotAt.toString();
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), """
        server: {listen: ["127.0.0.1:0"], data-dir: data}
        api: {listen: "127.0.0.1:0", tokens: [{name: it, secret: "%s", role: admin}]}
        keys:
          - {name: bind-key, secret: "%s"}
          - {name: knot-key, secret: "%s"}
        zones:
          - name: prop.test
            serial-policy: increment
            notify-ns: false
            notify: ["%s key bind-key", "%s key knot-key"]
            allow-transfer: ["127.0.0.1 key bind-key", "127.0.0.1 key knot-key"]
        """.formatted(TOKEN, bindKey.secret(), knotKey.secret(), bindTarget, knotTarget));
    Path tokenFile = Files.writeString(tmp.resolve("api.token"), TOKEN + "\n");

    try (TandemServer tandem = TandemInProcess.start(new ConfigLoader().load(config))) {
      var dns = tandem.dnsAddresses().get(0);
      Endpoint tandemAt = new Endpoint("127.0.0.1", dns.getPort());
      String apiUrl = "http://127.0.0.1:" + tandem.apiAddress().getPort();
      ApiHttp api = ApiHttp.at(apiUrl).token(TOKEN);
      assertThat(api.post("/api/v1/zones", "{\"name\": \"prop.test\", \"nameservers\": [\"ns1.prop.test.\"]}").status()).isEqualTo(201);

      try (BindPeer bind = BindPeer.builder().listen(bindAt).secondary(SecondaryZone.of(ZONE, tandemAt, bindKey)).start();
          KnotPeer knot = KnotPeer.builder().listen(knotAt).secondary(SecondaryZone.of(ZONE, tandemAt, knotKey)).start()) {

        Instant before = Instant.now();
        long serial = api.put("/api/v1/zones/prop.test/rrsets/www/A", "{\"records\": [\"192.0.2.1\"]}").json().get("serial").asLong();
        assertThat(serial).isEqualTo(2);
        JsonNode status = awaitReached(api, 2, bindTarget, knotTarget);
        long waited = Duration.between(before, Instant.now()).toMillis();
        for (String target : new String[] {bindTarget, knotTarget}) {
          JsonNode d = downstream(status, target);
          assertThat(d.get("serial").asLong()).as(target).isEqualTo(2);
          assertThat(d.get("lag").asLong()).as(target).isZero();
          assertThat(Instant.parse(d.get("learned").asText())).as(target).isAfterOrEqualTo(before.minusSeconds(1));
          long reached = change(status, 2).get("reached-ms").get(target).asLong();
          assertThat(reached).as("%s reached serial 2 after (ms)", target).isBetween(0L, waited + 1000);
        }
        bind.awaitSerial(ZONE, 2, PROPAGATION);
        knot.awaitSerial(ZONE, 2, PROPAGATION);

        String shown = zoneShow(apiUrl, tokenFile);
        assertThat(shown).contains("Downstream secondaries: who has serial 2");
        assertThat(row(shown, bindTarget)).matches(" *" + Pattern.quote(bindTarget) + " +2 +0 +yes +\\d+(\\.\\d)? (ms|s) .*");
        assertThat(row(shown, knotTarget)).matches(" *" + Pattern.quote(knotTarget) + " +2 +0 +yes +\\d+(\\.\\d)? (ms|s) .*");

        // the second change: both reach serial 3; each change keeps its own times
        api.put("/api/v1/zones/prop.test/rrsets/www/A", "{\"records\": [\"192.0.2.2\"]}");
        status = awaitReached(api, 3, bindTarget, knotTarget);
        assertThat(change(status, 2).get("reached-ms").has(bindTarget)).isTrue();
        assertThat(change(status, 3).get("reached-ms").has(knotTarget)).isTrue();

        // Knot goes away; the next change reaches BIND only, and the status says so
        knot.close();
        api.put("/api/v1/zones/prop.test/rrsets/www/A", "{\"records\": [\"192.0.2.3\"]}");
        status = awaitReached(api, 4, bindTarget);
        assertThat(downstream(status, knotTarget).get("serial").asLong()).isEqualTo(3);
        assertThat(downstream(status, knotTarget).get("lag").asLong()).isEqualTo(1);
        assertThat(change(status, 4).get("reached-ms").has(knotTarget)).isFalse();
        shown = zoneShow(apiUrl, tokenFile);
        assertThat(row(shown, bindTarget)).matches(" *" + Pattern.quote(bindTarget) + " +4 +0 +yes +\\d+(\\.\\d)? (ms|s) .*");
        assertThat(row(shown, knotTarget)).matches(" *" + Pattern.quote(knotTarget) + " +3 +1 +NO +- .*");
        assertThat(shown).containsPattern("=> serial 4 is on \\d of \\d secondaries; not yet on .*" + Pattern.quote(knotTarget));
        assertThat(metric(api.get("/metrics").body(), "tandem_downstream_serial_lag{downstream=\"" + knotTarget + "\",zone=\"prop.test.\"}"))
            .isEqualTo("1.0");
      }
    }
  }

  /** Polls the zone's status until every one of {@code targets} has {@code serial} and a time for it. */
  private static JsonNode awaitReached(ApiHttp api, long serial, String... targets) {
    JsonNode[] last = new JsonNode[1];
    Wait.until(PROPAGATION, () -> {
      last[0] = api.get("/api/v1/zones/prop.test").json();
      JsonNode c = change(last[0], serial);
      for (String t : targets) {
        JsonNode d = downstream(last[0], t);
        if (d == null || d.path("serial").asLong(-1) != serial || c == null || !c.get("reached-ms").has(t)) {
          return false;
        }
      }
      return true;
    }, () -> "serial " + serial + " not seen on all of " + String.join(", ", targets) + ": " + last[0].get("propagation"));
    return last[0];
  }

  private static JsonNode downstream(JsonNode status, String target) {
    for (JsonNode d : status.get("propagation").get("downstreams")) {
      if (d.get("downstream").asText().equals(target)) {
        return d;
      }
    }
    return null;
  }

  private static JsonNode change(JsonNode status, long serial) {
    for (JsonNode c : status.get("propagation").get("changes")) {
      if (c.get("serial").asLong() == serial) {
        return c;
      }
    }
    return null;
  }

  private static String zoneShow(String apiUrl, Path tokenFile) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), "zone", "show", ZONE, "--server", apiUrl, "--token-file",
        tokenFile.toString());
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  /** The line of the downstream table (not the NOTIFY table above it) that starts with {@code target}. */
  private static String row(String shown, String target) {
    int start = shown.indexOf("Downstream secondaries:");
    assertThat(start).as("a downstream table in:\n%s", shown).isNotNegative();
    String section = shown.substring(start, shown.indexOf("\n\n", start) < 0 ? shown.length() : shown.indexOf("\n\n", start));
    Matcher m = Pattern.compile("(?m)^ +" + Pattern.quote(target) + " .*$").matcher(section);
    assertThat(m.find()).as("a row for %s in:\n%s", target, shown).isTrue();
    return m.group();
  }

  private static String metric(String scrape, String series) throws IOException {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return line.substring(series.length() + 1).trim();
      }
    }
    throw new AssertionError("no " + series + " in the scrape");
  }
}
