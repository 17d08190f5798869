package org.tandemdns.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.MonitorConfig;
import org.tandemdns.config.MonitoredZoneConfig;
import org.tandemdns.config.ServerConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.WebhookConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.zone.ZoneFileLoader;
import org.xbill.DNS.Name;

/**
 * The monitor against two real Tandem servers on loopback: drift appearing at one of them sends
 * exactly one alert to each webhook receiver, recovery exactly one more, and nothing in between.
 */
class MonitorWebhookIT {

  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final String GOOD = """
      $ORIGIN example.test.
      $TTL 300
      @    SOA ns1 hostmaster 5 3600 600 86400 300
      @    NS  ns1
      @    NS  ns2
      ns1  A   127.0.0.1
      ns2  A   127.0.0.1
      www  A   192.0.2.1
      """;

  @TempDir Path tmp;
  private HttpServer receiver;
  private final LinkedBlockingQueue<String> json = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<String> slack = new LinkedBlockingQueue<>();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/json", ex -> {
      json.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.createContext("/slack", ex -> {
      slack.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  /** A Tandem server on a free loopback port; another test may take the port first, so up to 5 ports are tried. */
  private TandemServer serve(String name, Path zoneFile, MonitorConfig monitor) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      HostPort listen = HostPort.parse("127.0.0.1:" + org.tandemdns.testing.Ports.allocate(), 53);
      ServerConfig server = new ServerConfig(List.of(listen), tmp.resolve(name), 1, null, null, null, null, null, null, null, null, null);
      try {
        return TandemServer.start(new TandemConfig(server, null, List.of(ZoneConfig.primary(ZONE, zoneFile)), monitor));
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private TandemServer serve(String name, Path zoneFile) throws IOException {
    return serve(name, zoneFile, null);
  }

  private static String address(TandemServer s) {
    InetSocketAddress a = s.dnsAddresses().get(0);
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private URI hook(String path) {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
  }

  @Test
  void driftAppearingAndRecoveringSendsOneAlertEachToEveryWebhook() throws Exception {
    Path good = Files.writeString(tmp.resolve("good.zone"), GOOD);
    Path drifted = Files.writeString(tmp.resolve("drifted.zone"), GOOD.replace("192.0.2.1", "192.0.2.66"));
    try (TandemServer ns1 = serve("ns1", good); TandemServer ns2 = serve("ns2", good)) {
      MonitoredZoneConfig zone = new MonitoredZoneConfig(ZONE, List.of("ns1=" + address(ns1), "ns2=" + address(ns2)),
          null, null, null, good, null, null, null, null, null);
      MonitorConfig config = new MonitorConfig(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(1), 2, null, null,
          null, null, null, null,
          List.of(new WebhookConfig(hook("/json"), WebhookConfig.Format.JSON, null),
              new WebhookConfig(hook("/slack"), WebhookConfig.Format.SLACK, null)),
          List.of(zone));
      MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      String ns2Label = "ns2 " + address(ns2);
      try (Monitor monitor = new Monitor(config, clock, new DnsZoneChecker(config, clock), new WebhookSender(config.webhooks()), registry)) {
        assertThat(monitor.checkNow()).isEmpty();
        assertThat(json).isEmpty();

        ns2.zones().get(ZONE).swap(ZoneFileLoader.load(drifted, ZONE));
        clock.advance(Duration.ofSeconds(30));
        assertThat(monitor.checkNow()).hasSize(1);
        assertThat(json).hasSize(1);
        JsonNode appeared = new ObjectMapper().readTree(json.poll());
        assertThat(appeared.get("source").asText()).isEqualTo("tandem");
        assertThat(appeared.get("zone").asText()).isEqualTo("example.test.");
        assertThat(appeared.get("condition").asText()).isEqualTo("drift");
        assertThat(appeared.get("state").asText()).isEqualTo("appeared");
        assertThat(appeared.get("nameserver").asText()).isEqualTo(ns2Label);
        assertThat(appeared.get("at").asText()).isEqualTo("2025-03-01T10:00:30Z");
        assertThat(slack).hasSize(1);
        assertThat(new ObjectMapper().readTree(slack.poll()).get("text").asText())
            .isEqualTo(":warning: example.test. drift appeared at " + ns2Label + ": 1 RRset differs from the reference");
        assertThat(registry.scrape())
            .contains("tandem_monitor_drifted_rrsets{address=\"" + address(ns2) + "\",nameserver=\"ns2\",zone=\"example.test.\"} 1.0");

        clock.advance(Duration.ofSeconds(30));
        assertThat(monitor.checkNow()).isEmpty();
        assertThat(json).isEmpty();
        assertThat(slack).isEmpty();

        ns2.zones().get(ZONE).swap(ZoneFileLoader.load(good, ZONE));
        clock.advance(Duration.ofSeconds(30));
        assertThat(monitor.checkNow()).hasSize(1);
        JsonNode recovered = new ObjectMapper().readTree(json.poll());
        assertThat(recovered.get("condition").asText()).isEqualTo("drift");
        assertThat(recovered.get("state").asText()).isEqualTo("recovered");
        assertThat(json).isEmpty();
        assertThat(slack).hasSize(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(monitor.checkNow()).isEmpty();
        assertThat(json).isEmpty();
        assertThat(monitor.history()).extracting(Alert::state).containsExactly("appeared", "recovered");
        assertThat(registry.scrape())
            .contains("tandem_monitor_drifted_rrsets{address=\"" + address(ns2) + "\",nameserver=\"ns2\",zone=\"example.test.\"} 0.0")
            .contains("tandem_monitor_serial{address=\"" + address(ns1) + "\",nameserver=\"ns1\",zone=\"example.test.\"} 5.0")
            .contains("tandem_monitor_reachable{address=\"" + address(ns1) + "\",nameserver=\"ns1\",zone=\"example.test.\"} 1.0")
            .contains("tandem_monitor_authoritative{address=\"" + address(ns2) + "\",nameserver=\"ns2\",zone=\"example.test.\"} 1.0")
            .contains("tandem_monitor_lag{address=\"" + address(ns2) + "\",nameserver=\"ns2\",zone=\"example.test.\"} 0.0")
            .contains("tandem_monitor_checks_total{result=\"consistent\",zone=\"example.test.\"} 3.0")
            .contains("tandem_monitor_last_check_seconds{zone=\"example.test.\"} " + (double) clock.instant().getEpochSecond());
      }
    }
  }

  @Test
  void serveRunsTheConfiguredMonitorAndTandemAlertsPrintsItsHistory() throws Exception {
    Path good = Files.writeString(tmp.resolve("good.zone"), GOOD);
    int deadPort = org.tandemdns.testing.Ports.allocate();
    MonitoredZoneConfig zone = new MonitoredZoneConfig(ZONE, List.of("dead=127.0.0.1:" + deadPort), null, null, null, good,
        null, null, null, null, null);
    MonitorConfig monitor = new MonitorConfig(Duration.ofSeconds(60), null, Duration.ofMillis(200), 1, null, null, null, null,
        null, null, List.of(new WebhookConfig(hook("/json"), WebhookConfig.Format.JSON, null)), List.of(zone));
    try (TandemServer tandem = serve("data", good, monitor)) {
      Monitor m = tandem.monitor().orElseThrow();
      String body = json.poll(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(body).as("first round's alert").isNotNull();
      assertThat(new ObjectMapper().readTree(body).get("condition").asText()).isEqualTo("unreachable");
      assertThat(m.history()).extracting(Alert::condition).containsExactly("unreachable");
    }
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new org.tandemdns.cli.Main());
    cli.setOut(new java.io.PrintWriter(out));
    int exit = cli.execute("alerts", "--data-dir", tmp.resolve("data").toString());
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("appeared").contains("unreachable").contains("dead 127.0.0.1:" + deadPort);
  }
}
