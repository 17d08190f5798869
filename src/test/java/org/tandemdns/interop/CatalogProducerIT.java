package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.catalog.CatalogZone;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.Name;

/**
 * Issue 18, catalog zones (RFC 9432) with Tandem as producer: BIND 9.18 and Knot 3.2, each a
 * secondary of Tandem's catalog zone and told only to consume it, serve every member without a
 * line of their config per member. A zone added through Tandem's API appears at both (the catalog
 * goes to them by IXFR), one deleted through the API and one taken out of the config file
 * disappear at both, and a restart of Tandem leaves the catalog as it was (same labels, same
 * serial: nothing for the consumers to do). (Knot does not answer queries for a catalog it
 * interprets, so its members are what is awaited.)
 */
class CatalogProducerIT {

  static final String CATALOG = "catalog.test";
  static final Duration ARRIVES = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void membersAddedAndRemovedAtTandemAreServedAndDroppedByBindAndKnotWithNoChangeToTheirConfigs() throws Exception {
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint knotAt = Endpoint.freeLoopback();
    Endpoint apiAt = Endpoint.freeLoopback();
    Path zones = tmp.resolve("zones");
    ZoneFiles.write(zones, "m1.test", 1, 3600, 600, 86400, "v IN TXT \"m1\"");
    ZoneFiles.write(zones, "m2.test", 1, 3600, 600, 86400, "v IN TXT \"m2\"");
    String notify = "notify: [\"" + bindAt + "\", \"" + knotAt + "\"]\n    notify-ns: false\n    allow-transfer: [\"any\"]\n";
    String catalogZone = "  - name: " + CATALOG + "\n    produces-catalog: true\n    " + notify;
    String m1 = "  - name: m1.test\n    file: \"" + zones.resolve("m1.test.zone") + "\"\n    catalog: {zone: " + CATALOG
        + ", group: web}\n    " + notify;
    String m2 = "  - name: m2.test\n    file: \"" + zones.resolve("m2.test.zone") + "\"\n    catalog: {zone: " + CATALOG + "}\n    "
        + notify;
    String head = "server:\n  listen: [\"" + tandemAt + "\"]\n  data-dir: \"" + tmp.resolve("data") + "\"\napi:\n  listen: \""
        + apiAt + "\"\nzones:\n";
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), head + catalogZone + m1 + m2);

    TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(CATALOG).start();
    String bindCatalog = "catalog-zones { zone \"" + CATALOG + "\" default-primaries { " + tandemAt.host() + " port "
        + tandemAt.port() + "; } in-memory yes; };";
    try (BindPeer bind = BindPeer.serverOptionsBuilder(bindCatalog).listen(bindAt)
            .secondary(SecondaryZone.of(CATALOG, tandemAt).allowTransfer(Acl.any())).start();
        KnotPeer knot = KnotPeer.catalogConsumerBuilder(CATALOG).listen(knotAt)
            .secondary(SecondaryZone.of(CATALOG, tandemAt)).awaitZones(false).start()) {
      ApiHttp api = ApiHttp.at("http://" + apiAt).token(Files.readString(tmp.resolve("data/api.token")).trim()).awaitUp(ARRIVES);
      long first = tandem.serial(CATALOG);
      for (String member : List.of("m1.test", "m2.test")) {
        servedAt(bind, member, true);
        servedAt(knot, member, true);
      }
      assertThat(catalog(tandem)).contains("version." + CATALOG + ". 0 IN TXT \"2\"")
          .contains("group." + CatalogZone.uniqueId(Name.fromConstantString("m1.test.")) + ".zones." + CATALOG + ". 0 IN TXT \"web\"");

      int mark = Logs.mark(tandem);
      ApiHttp.Reply created = api.post("/api/v1/zones", "{\"name\": \"m3.test\", \"nameservers\": [\"ns1.m3.test.\"],"
          + " \"allow-transfer\": [\"any\"], \"notify\": [\"" + bindAt + "\", \"" + knotAt + "\"], \"notify-ns\": false,"
          + " \"catalog\": {\"zone\": \"" + CATALOG + "\", \"group\": \"web\"}}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      servedAt(bind, "m3.test", true);
      servedAt(knot, "m3.test", true);
      Logs.await(tandem, mark, ARRIVES, "transfer out zone=" + CATALOG + ".", "type=IXFR", "serial=" + first + "->" + (first + 1),
          "result=ok");
      assertThat(api.post("/api/v1/zones", "{\"name\": \"m4.test\", \"nameservers\": [\"ns1.m4.test.\"],"
          + " \"catalog\": {\"zone\": \"m1.test\"}}").error()).contains("m1.test. is not a catalog zone here");

      assertThat(api.delete("/api/v1/zones/m3.test").status()).isEqualTo(204);
      servedAt(bind, "m3.test", false);
      servedAt(knot, "m3.test", false);

      Files.writeString(config, head + catalogZone + m1);
      tandem.sighup();
      servedAt(bind, "m2.test", false);
      servedAt(knot, "m2.test", false);
      servedAt(bind, "m1.test", true);
      long beforeRestart = tandem.serial(CATALOG);
      assertThat(beforeRestart).isEqualTo(first + 3);

      tandem.close();
      tandem = TandemProcess.builder().config(config, tandemAt).awaitZone(CATALOG).start();
      assertThat(tandem.serial(CATALOG)).as("a restart changes nothing in the catalog").isEqualTo(beforeRestart);
      assertThat(tandem.log()).doesNotContain("catalog " + CATALOG + ".: ");
      assertThat(catalog(tandem))
          .contains(CatalogZone.uniqueId(Name.fromConstantString("m1.test.")) + ".zones." + CATALOG + ". 0 IN PTR m1.test.");
    } finally {
      tandem.close();
    }
  }

  /**
   * A member moves from catalog A to catalog B (RFC 9432 §5.6): first listed in B and, with a
   * {@code coo} property naming B, still in A ({@code moved-from}); then taken out of A. BIND and a
   * Tandem consumer, each consuming both catalogs, follow the move and serve the member at the end;
   * the Tandem consumer keeps its data throughout (BIND 9.18 re-creates the zone under the new
   * catalog). Custom {@code ext} properties reach the catalog as TXT (BIND ignores those it does
   * not know, and says so).
   */
  @Test
  void aMemberMovedBetweenCatalogsWithCooIsServedThroughoutByBindAndATandemConsumer() throws Exception {
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint consumerAt = Endpoint.freeLoopback();
    Path zones = tmp.resolve("zones");
    ZoneFiles.write(zones, "moving.test", 1, 3600, 600, 86400, "v IN TXT \"moving\"");
    String notify = "notify: [\"" + bindAt + "\", \"" + consumerAt + "\"]\n    notify-ns: false\n    allow-transfer: [\"any\"]\n";
    String catalogs = "  - name: a.catalog.test\n    produces-catalog: true\n    " + notify
        + "  - name: b.catalog.test\n    produces-catalog: true\n    " + notify;
    String head = "server:\n  listen: [\"" + tandemAt + "\"]\n  data-dir: \"" + tmp.resolve("data") + "\"\napi:\n  listen: \""
        + Endpoint.freeLoopback() + "\"\nzones:\n";
    String member = "  - name: moving.test\n    file: \"" + zones.resolve("moving.test.zone") + "\"\n    catalog: %s\n    " + notify;
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), head + catalogs
        + member.formatted("{zone: a.catalog.test, ext: {tier: gold}}"));
    Path consumerConfig = Files.writeString(tmp.resolve("consumer.yaml"), "server:\n  listen: [\"" + consumerAt + "\"]\n  data-dir: \""
        + tmp.resolve("consumer-data") + "\"\napi:\n  listen: \"" + Endpoint.freeLoopback() + "\"\nzones:\n"
        + "  - {name: a.catalog.test, type: catalog-consumer, primaries: [\"" + tandemAt + "\"]}\n"
        + "  - {name: b.catalog.test, type: catalog-consumer, primaries: [\"" + tandemAt + "\"]}\n");
    String bindCatalogs = "catalog-zones { zone \"a.catalog.test\" default-primaries { " + tandemAt.host() + " port " + tandemAt.port()
        + "; } in-memory yes min-update-interval 1; zone \"b.catalog.test\" default-primaries { " + tandemAt.host() + " port "
        + tandemAt.port() + "; } in-memory yes min-update-interval 1; };";
    String id = CatalogZone.uniqueId(Name.fromConstantString("moving.test."));
    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("b.catalog.test").start();
        BindPeer bind = BindPeer.serverOptionsBuilder(bindCatalogs).listen(bindAt)
            .secondary(SecondaryZone.of("a.catalog.test", tandemAt).allowTransfer(Acl.any()))
            .secondary(SecondaryZone.of("b.catalog.test", tandemAt).allowTransfer(Acl.any())).start();
        TandemProcess consumer = TandemProcess.builder().config(consumerConfig, consumerAt).awaitZone("moving.test").start()) {
      servedAt(bind, "moving.test", true);
      assertThat(records(tandem, "a.catalog.test")).contains("tier.ext." + id + ".zones.a.catalog.test. 0 IN TXT \"gold\"");

      int consumerMark = Logs.mark(consumer);
      Files.writeString(config, head + catalogs + member.formatted("{zone: b.catalog.test, moved-from: a.catalog.test}"));
      tandem.sighup();
      Wait.until(ARRIVES, () -> records(tandem, "b.catalog.test").contains(id + ".zones.b.catalog.test. 0 IN PTR moving.test."),
          () -> "moving.test not in b.catalog.test: " + records(tandem, "b.catalog.test"));
      // the catalog it leaves is written first (with the coo), then the one it joins
      assertThat(records(tandem, "a.catalog.test")).contains("coo." + id + ".zones.a.catalog.test. 0 IN PTR b.catalog.test.");
      Logs.await(consumer, consumerMark, ARRIVES, "catalog b.catalog.test.: member moving.test. taken over from catalog a.catalog.test.");
      // BIND 9.18 follows the coo by re-creating the zone under b.catalog.test (it transfers it anew)
      Logs.await(bind, 0, ARRIVES, "catz: adding zone 'moving.test' from catalog 'b.catalog.test' - success");

      Files.writeString(config, head + catalogs + member.formatted("{zone: b.catalog.test}"));
      tandem.sighup();
      Wait.until(ARRIVES, () -> records(tandem, "a.catalog.test").stream().noneMatch(r -> r.contains(id)),
          () -> "moving.test still in a.catalog.test");
      // both consumers have read the last version of a.catalog.test, and serve it on from b.catalog.test
      long last = tandem.serial("a.catalog.test");
      Logs.await(bind, 0, ARRIVES, "catz: updating catalog zone 'a.catalog.test' with serial " + last);
      Logs.await(bind, 0, ARRIVES, "catz: a.catalog.test: reload done");
      Logs.await(consumer, consumerMark, ARRIVES, "catalog a.catalog.test. serial " + last);
      servedAt(bind, "moving.test", true);
      assertThat(consumer.serial("moving.test")).isEqualTo(1);
      assertThat(Logs.since(consumer, consumerMark)).doesNotContain("member moving.test. no longer served");
    }
  }

  private static List<String> records(TandemProcess tandem, String catalog) {
    return Axfr.records(tandem.endpoint(), catalog, null).stream().map(r -> r.replaceAll("\\s+", " ")).toList();
  }

  /** The catalog's records as Tandem serves them, blanks collapsed. */
  private static List<String> catalog(TandemProcess tandem) {
    return Axfr.records(tandem.endpoint(), CATALOG, null).stream().map(r -> r.replaceAll("\\s+", " ")).toList();
  }

  private static void servedAt(org.tandemdns.testing.ServerProcess peer, String zone, boolean served) {
    DnsQuery q = DnsQuery.to(peer.endpoint()).timeout(Duration.ofMillis(500));
    Wait.until(ARRIVES, () -> (q.soaSerial(zone) > 0) == served,
        () -> peer + (served ? " does not serve " : " still serves ") + zone + "\n" + peer.log());
  }
}
