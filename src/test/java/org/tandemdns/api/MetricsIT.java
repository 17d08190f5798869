package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.testing.TandemInProcess;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * /metrics scraped over HTTP and parsed ({@link PrometheusText}): two Tandems in this JVM, a
 * primary and a secondary of it (both zones created through the API). Around a known set of
 * queries, one UPDATE, the NOTIFY it causes and the IXFR that follows, each counter moves by
 * exactly what happened, under the names and labels the docs give.
 */
class MetricsIT {
  private static final String ZONE = "m.test";
  private static final String TOKEN = "metrics-it-admin-token-0001";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path tmp;
  TandemServer primary;
  TandemServer secondary;
  ApiHttp primaryApi;
  ApiHttp secondaryApi;
  Endpoint primaryDns;
  Endpoint secondaryDns;

  @BeforeEach
  void start() throws Exception {
    primary = start("primary", false);
    secondary = start("secondary", true);
    primaryApi = ApiHttp.at(primary.apiAddress()).token(TOKEN);
    secondaryApi = ApiHttp.at(secondary.apiAddress()).token(TOKEN);
    primaryDns = new Endpoint("127.0.0.1", primary.dnsAddresses().get(0).getPort());
    secondaryDns = new Endpoint("127.0.0.1", secondary.dnsAddresses().get(0).getPort());
    ApiHttp.Reply p = primaryApi.post("/api/v1/zones", """
        {"name": "m.test", "nameservers": ["ns1.m.test."], "notify-ns": false, "notify": ["%s"],
         "allow-transfer": ["127.0.0.1"], "allow-update": ["127.0.0.1"]}""".formatted(secondaryDns));
    assertThat(p.status()).as("%s", p).isEqualTo(201);
    ApiHttp.Reply s = secondaryApi.post("/api/v1/zones",
        "{\"name\": \"m.test\", \"type\": \"secondary\", \"primaries\": [\"" + primaryDns + "\"]}");
    assertThat(s.status()).as("%s", s).isEqualTo(201);
    primaryApi.put("/api/v1/zones/m.test/rrsets/www/A", "{\"records\": [\"192.0.2.1\"]}");
    awaitSecondarySerial(2);
    Wait.until(WAIT, () -> {
      var n = primaryApi.get("/api/v1/zones/m.test").json().get("notify").get(0);
      return n.get("serial").asLong() == 2 && n.get("state").asText().equals("acknowledged");
    }, () -> "the NOTIFY for serial 2 was never acknowledged: " + primaryApi.get("/api/v1/zones/m.test").json().get("notify"));
  }

  private TandemServer start(String name, boolean metricsAuth) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("tandem.yaml"), """
        server: {listen: ["127.0.0.1:0"], data-dir: data}
        api: {listen: "127.0.0.1:0", metrics-auth: %s, tokens: [{name: it, secret: "%s", role: admin}]}
        """.formatted(metricsAuth, TOKEN));
    return TandemInProcess.start(new ConfigLoader().load(dir.resolve("tandem.yaml")));
  }

  @AfterEach
  void stop() {
    if (secondary != null) {
      secondary.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  @Test
  void countersMoveByExactlyWhatHappened() throws IOException {
    PrometheusText p0 = scrape(primaryApi);
    PrometheusText s0 = scrape(secondaryApi);

    for (int i = 0; i < 5; i++) {
      assertThat(DnsQuery.to(primaryDns).send(DnsQuery.question("www.m.test", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(DnsQuery.to(primaryDns).tcp().send(DnsQuery.question("nope.m.test", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }
    assertThat(DnsQuery.to(primaryDns).send(DnsQuery.question("www.elsewhere.test", Type.MX)).getRcode()).isEqualTo(Rcode.REFUSED);
    Update update = new Update(Name.fromConstantString("m.test."));
    update.add(Name.fromConstantString("mail.m.test."), Type.A, 300, "192.0.2.25");
    assertThat(DnsQuery.to(primaryDns).send(update).getRcode()).isEqualTo(Rcode.NOERROR);
    awaitSecondarySerial(3);
    Wait.until(WAIT, () -> scrape(primaryApi).valueOrZero("tandem_notify_sent_total", "result", "ok")
        - p0.valueOrZero("tandem_notify_sent_total", "result", "ok") == 1, () -> "the NOTIFY for serial 3 was never answered");
    PrometheusText p1 = scrape(primaryApi);
    PrometheusText s1 = scrape(secondaryApi);

    // queries by type, responses by transport and rcode, response sizes by transport (primary)
    assertThat(delta(p0, p1, "tandem_dns_queries_total", "type", "A")).isEqualTo(7);
    assertThat(delta(p0, p1, "tandem_dns_queries_total", "type", "MX")).isEqualTo(1);
    assertThat(delta(p0, p1, "tandem_dns_responses_total", "transport", "tcp", "rcode", "NXDOMAIN")).isEqualTo(2);
    assertThat(delta(p0, p1, "tandem_dns_responses_total", "transport", "udp", "rcode", "REFUSED")).isEqualTo(1);
    assertThat(delta(p0, p1, "tandem_dns_responses_total", "transport", "udp", "rcode", "NOERROR"))
        .as("5 answers, and the secondary's SOA queries").isGreaterThanOrEqualTo(5);
    assertThat(delta(p0, p1, "tandem_dns_response_size_bytes_count", "transport", "tcp"))
        .as("two TCP answers (transfers are streamed and counted under tandem_transfers_total)").isEqualTo(2);
    assertThat(delta(p0, p1, "tandem_dns_response_size_bytes_sum", "transport", "tcp")).as("bytes of two NXDOMAIN answers with SOA")
        .isBetween(2.0 * 60, 2.0 * 200);
    assertThat(delta(p0, p1, "tandem_dns_response_size_bytes_bucket", "transport", "udp", "le", "+Inf"))
        .isEqualTo(delta(p0, p1, "tandem_dns_response_size_bytes_count", "transport", "udp"));
    // the UPDATE, its NOTIFY and the IXFR it caused, seen from both sides
    assertThat(delta(p0, p1, "tandem_updates_total", "rcode", "NOERROR")).isEqualTo(1);
    assertThat(delta(p0, p1, "tandem_notify_sent_total", "result", "ok")).isEqualTo(1);
    assertThat(delta(s0, s1, "tandem_notify_received_total", "result", "NOERROR")).isEqualTo(1);
    assertThat(delta(p0, p1, "tandem_transfers_total", "direction", "out", "type", "IXFR", "result", "ok")).isEqualTo(1);
    assertThat(delta(s0, s1, "tandem_transfers_total", "direction", "in", "type", "IXFR", "result", "ok")).isEqualTo(1);
    assertThat(p1.sum("tandem_transfers_total", "direction", "out", "type", "AXFR")).as("the secondary's first copy").isEqualTo(1);
    // per-zone gauges
    assertThat(p1.value("tandem_zone_serial", "zone", "m.test.")).isEqualTo(3);
    assertThat(s1.value("tandem_zone_serial", "zone", "m.test.")).isEqualTo(3);
    assertThat(delta(p0, p1, "tandem_zone_journal_entries", "zone", "m.test.")).isEqualTo(1);
    assertThat(delta(p0, p1, "tandem_zone_journal_bytes", "zone", "m.test.")).isPositive();
    assertThat(s1.value("tandem_zone_expire_seconds", "zone", "m.test.")).as("SOA expire 1209600 s, just refreshed")
        .isCloseTo(1_209_600, within(120.0));
    assertThat(s1.value("tandem_zone_refresh_failures", "zone", "m.test.")).isZero();
    assertThat(p1.value("tandem_downstream_serial_lag", "zone", "m.test.", "downstream", secondaryDns.toString())).isZero();
    // names and types as Prometheus sees them
    for (String counter : List.of("tandem_dns_queries", "tandem_dns_responses", "tandem_transfers", "tandem_notify_sent", "tandem_updates")) {
      assertThat(p1.type(counter + "_total")).as(counter).contains("counter");
    }
    assertThat(s1.type("tandem_notify_received_total")).contains("counter");
    assertThat(p1.type("tandem_dns_response_size_bytes")).contains("histogram");
    for (String gauge : List.of("tandem_zone_serial", "tandem_zone_journal_entries", "tandem_zone_journal_bytes",
        "tandem_downstream_serial_lag")) {
      assertThat(p1.type(gauge)).as(gauge).contains("gauge");
    }
    assertThat(s1.type("tandem_zone_expire_seconds")).contains("gauge");
    assertThat(s1.type("tandem_zone_refresh_failures")).contains("gauge");
  }

  /**
   * Regression (fixed): UPDATE responses are sent as deferred replies, which the dispatcher does not count: a
   * refused UPDATE (NOTAUTH, zone not here) leaves tandem_dns_responses_total and the response-size
   * histogram unchanged, although it is a DNS response sent over UDP.
   */
  @Test
  void updateResponsesAreCountedLikeEveryOtherResponse() {
    PrometheusText before = scrape(primaryApi);
    Message update = new Update(Name.fromConstantString("nowhere.test."));
    Message reply = DnsQuery.to(primaryDns).send(update);
    assertThat(reply.getRcode()).isEqualTo(Rcode.NOTAUTH);
    PrometheusText after = scrape(primaryApi);
    assertThat(delta(before, after, "tandem_updates_total", "rcode", "NOTAUTH")).isEqualTo(1);
    assertThat(delta(before, after, "tandem_dns_responses_total", "transport", "udp", "rcode", "NOTAUTH")).isEqualTo(1);
    assertThat(delta(before, after, "tandem_dns_response_size_bytes_count", "transport", "udp")).isEqualTo(1);
  }

  @Test
  void metricsAuthMakesMetricsNeedAToken() {
    ApiHttp.Reply anonymous = ApiHttp.at(secondary.apiAddress()).get("/metrics");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(ApiHttp.at(primary.apiAddress()).get("/metrics").status()).as("metrics-auth off").isEqualTo(200);
    assertThat(scrape(secondaryApi).value("tandem_zone_serial", "zone", "m.test.")).isEqualTo(2);
  }

  private void awaitSecondarySerial(long serial) {
    Wait.until(WAIT, () -> DnsQuery.to(secondaryDns).soaSerial(ZONE) == serial,
        () -> "the secondary serves " + DnsQuery.to(secondaryDns).soaSerial(ZONE) + ", not " + serial);
  }

  private static PrometheusText scrape(ApiHttp api) {
    ApiHttp.Reply r = api.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    return PrometheusText.parse(r.body());
  }

  private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
  }

  static {
    DClass.string(DClass.IN); // dnsjava's tables loaded before the first timed exchange
  }
}
