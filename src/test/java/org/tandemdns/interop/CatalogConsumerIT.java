package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PowerDnsPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Wait;

/**
 * Issue 18, catalog zones (RFC 9432) with Tandem as consumer ({@code type: catalog-consumer}).
 *
 * <ul>
 *   <li>PowerDNS 4.7 produces the catalog ({@code pdnsutil set-kind producer}, {@code set-catalog},
 *       {@code set-option ... producer group|unique}): its members are served by Tandem with the
 *       settings of their group's template; a member added there is served here, one removed stops
 *       being served, one re-numbered (new unique id) is reset and transferred anew, and a restart of
 *       Tandem serves exactly the same members from the store.
 *   <li>Knot 3.2 generates a catalog ({@code catalog-role: generate}, {@code catalog-group}): its
 *       members are served with their group's template.
 *   <li>Knot 3.2 serves two hand-written catalogs, to try what no producer here writes on demand: a
 *       change of ownership ({@code coo}) that keeps the member's data, a catalog of the wrong
 *       version (refused, loud, members unchanged), a member listed twice, and a member that is a
 *       zone of Tandem's config file already (refused).
 * </ul>
 */
class CatalogConsumerIT {
  static final Duration ARRIVES = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void membersAddedRemovedAndRenumberedAtAPowerDnsProducerAreFollowedAndSurviveARestart() throws Exception {
    GuideConfigs configs = new GuideConfigs();
    configs.copyInto(tmp);
    Path config = tmp.resolve("catalog-consumer.yaml"); // docs/catalog-zones.md's config, ports moved
    Endpoint pdnsAt = configs.port(5301);
    Endpoint tandemAt = configs.port(5300);
    Endpoint apiAt = configs.port(8053);
    Path zones = tmp.resolve("member-zones");
    try (PowerDnsPeer pdns = PowerDnsPeer.sqliteApiBuilder().listen(pdnsAt).start()) {
      pdns.pdnsutil("create-zone", "catalog.example");
      pdns.pdnsutil("set-kind", "catalog.example", "producer");
      publish(pdns, "catalog.example", tandemAt);
      for (String m : List.of("m1.test", "m2.test")) {
        member(pdns, zones, m, tandemAt);
      }
      pdns.pdnsutil("set-option", "m1.test", "producer", "group", "web");

      TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("catalog.example").start();
      try {
        served(tandem, "m1.test", true);
        served(tandem, "m2.test", true);
        ApiHttp api = ApiHttp.at("http://" + apiAt).token(Files.readString(tmp.resolve("tandem-data/api.token")).trim())
            .awaitUp(ARRIVES);
        assertThat(api.get("/api/v1/zones/m1.test").json().path("member-of").asText()).isEqualTo("catalog.example.");
        assertThat(api.get("/api/v1/zones/catalog.example").json().path("catalog-consumer").path("members").asInt()).isEqualTo(2);
        assertThat(Axfr.records(tandemAt, "m1.test", null)).as("group web's template allows transfers")
            .anyMatch(r -> r.contains("\"m1.test\""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Axfr.records(tandemAt, "m2.test", null))
            .as("the default template does not").hasMessageContaining("REFUSED");
        assertThat(api.delete("/api/v1/zones/m2.test").error()).contains("member of a catalog");

        member(pdns, zones, "m3.test", tandemAt);
        served(tandem, "m3.test", true);

        pdns.pdnsutil("set-catalog", "m2.test", "");
        served(tandem, "m2.test", false);
        Logs.await(tandem, 0, ARRIVES, "member m2.test. no longer served: it left the catalog");

        int mark = Logs.mark(tandem);
        pdns.pdnsutil("set-option", "m1.test", "producer", "unique", "renumbered");
        Logs.await(tandem, mark, ARRIVES, "member m1.test. has a new unique id (renumbered instead of");
        served(tandem, "m1.test", true);
        Logs.await(tandem, mark, ARRIVES, "transfer in zone=m1.test.", "type=AXFR");

        tandem.close();
        tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("catalog.example").start();
        served(tandem, "m1.test", true);
        served(tandem, "m3.test", true);
        DnsQuery q = DnsQuery.to(tandemAt).timeout(Duration.ofMillis(500));
        assertThat(q.soaSerial("m2.test")).as("a removed member stays removed after a restart").isLessThanOrEqualTo(0);
        assertThat(tandem.log()).contains("catalog catalog.example.: 2 member zone(s) provisioned before, served again");
      } finally {
        tandem.close();
      }
    }
  }

  @Test
  void changeOfOwnershipKeepsDataAndBadCatalogsAreRefusedLoudly() throws Exception {
    Endpoint knotAt = Endpoint.freeLoopback();
    Endpoint tandemAt = Endpoint.freeLoopback();
    Path zones = tmp.resolve("zones");
    for (String m : List.of("a.test", "b.test", "local.test")) {
      ZoneFiles.write(zones, m, 1, 3600, 600, 86400, "v IN TXT \"" + m + "\"");
    }
    Path oldCatalog = catalogFile(zones, "old.test", 1, "\"2\"", "ida.zones PTR a.test.", "idb.zones PTR b.test.",
        "idl.zones PTR local.test.");
    Path newCatalog = catalogFile(zones, "new.test", 1, "\"2\"");
    try (KnotPeer knot = KnotPeer.builder().listen(knotAt)
        .primary(PrimaryZone.of("old.test", oldCatalog).allowTransfer(Acl.any()))
        .primary(PrimaryZone.of("new.test", newCatalog).allowTransfer(Acl.any()))
        .primary(PrimaryZone.of("a.test", zones.resolve("a.test.zone")).allowTransfer(Acl.any()))
        .primary(PrimaryZone.of("b.test", zones.resolve("b.test.zone")).allowTransfer(Acl.any()))
        .start()) {
      String consumer = """
            - name: %s
              type: catalog-consumer
              primaries: ["%s"]
              timers: { refresh-max: 2s }
              members:
                template: { timers: { refresh-max: 2s } }
          """;
      Path config = Files.writeString(tmp.resolve("tandem.yaml"), "server:\n  listen: [\"" + tandemAt + "\"]\n  data-dir: \""
          + tmp.resolve("data") + "\"\napi:\n  listen: \"" + Endpoint.freeLoopback() + "\"\nzones:\n" + consumer.formatted("old.test", knotAt) + consumer.formatted("new.test", knotAt)
          + "  - name: local.test\n    file: \"" + zones.resolve("local.test.zone") + "\"\n");
      try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("local.test").start()) {
        served(tandem, "a.test", true);
        served(tandem, "b.test", true);
        Wait.until(ARRIVES, () -> tandem.log().contains("member local.test. of catalog old.test. is a zone of this server already"
            + " (in the config file); not provisioned from the catalog"), tandem::log);

        int mark = Logs.mark(tandem);
        catalogFile(zones, "new.test", 2, "\"2\"", "ida.zones PTR a.test.");
        knot.reload();
        Logs.await(tandem, mark, ARRIVES, "member a.test. of catalog new.test. belongs to catalog old.test., which does not hand it over");
        catalogFile(zones, "old.test", 2, "\"2\"", "ida.zones PTR a.test.", "coo.ida.zones PTR new.test.",
            "idb.zones PTR b.test.", "idl.zones PTR local.test.");
        knot.reload();
        Logs.await(tandem, mark, ARRIVES, "catalog new.test.: member a.test. taken over from catalog old.test. (change of"
            + " ownership, RFC 9432 §5.6); its data kept");
        catalogFile(zones, "old.test", 3, "\"2\"", "idb.zones PTR b.test.", "idl.zones PTR local.test.");
        knot.reload();
        Logs.await(tandem, mark, ARRIVES, "catalog old.test. serial 3: 1 member zone(s)");
        served(tandem, "a.test", true);
        assertThat(tandem.log().substring(mark)).as("a.test kept its data: it was not transferred again")
            .doesNotContain("transfer in zone=a.test. type=AXFR");

        mark = Logs.mark(tandem);
        catalogFile(zones, "old.test", 4, "\"1\"", "idl.zones PTR local.test.");
        knot.reload();
        Logs.await(tandem, mark, ARRIVES, "catalog old.test. serial 4 is not used: its schema version is \"1\"; only version 2");
        served(tandem, "b.test", true);

        catalogFile(zones, "old.test", 5, "\"2\"", "idb.zones PTR b.test.", "idb2.zones PTR b.test.");
        knot.reload();
        Logs.await(tandem, mark, ARRIVES, "member b.test. is listed twice (entries idb and idb2)");
        served(tandem, "b.test", false);
      }
    }
  }

  @Test
  void aCatalogKnotGeneratesIsConsumedWithItsGroups() throws Exception {
    Endpoint knotAt = Endpoint.freeLoopback();
    Endpoint tandemAt = Endpoint.freeLoopback();
    Path zones = tmp.resolve("zones");
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        api:
          listen: "%s"
        zones:
          - name: catalog.knot
            type: catalog-consumer
            primaries: ["%s"]
            members:
              groups:
                web: { allow-transfer: ["any"] }
        """.formatted(tandemAt, tmp.resolve("data"), Endpoint.freeLoopback(), knotAt));
    try (KnotPeer knot = KnotPeer.catalogProducerBuilder("catalog.knot", java.util.Map.of("k1.test", "web"), tandemAt)
        .listen(knotAt)
        .primary(PrimaryZone.of("k1.test", ZoneFiles.write(zones, "k1.test", 1, 3600, 600, 86400, "v IN TXT \"k1\""))
            .allowTransfer(Acl.any()))
        .primary(PrimaryZone.of("k2.test", ZoneFiles.write(zones, "k2.test", 1, 3600, 600, 86400, "v IN TXT \"k2\""))
            .allowTransfer(Acl.any()))
        .start();
        TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("catalog.knot").start()) {
      served(tandem, "k1.test", true);
      served(tandem, "k2.test", true);
      assertThat(Axfr.records(tandemAt, "k1.test", null)).as("Knot's catalog-group web: that group's template")
          .anyMatch(r -> r.contains("\"k1\""));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Axfr.records(tandemAt, "k2.test", null))
          .as("no group: the default template").hasMessageContaining("REFUSED");
      assertThat(tandem.log()).contains("catalog catalog.knot.: member k1.test. provisioned (group web)");
    }
  }

  /** A catalog's master file, as a producer would write it. */
  private static Path catalogFile(Path dir, String origin, long serial, String version, String... members) throws Exception {
    StringBuilder text = new StringBuilder("$ORIGIN " + origin + ".\n$TTL 0\n@ SOA invalid. invalid. " + serial
        + " 3600 600 2419200 0\n@ NS invalid.\nversion TXT " + version + "\n");
    for (String m : members) {
      text.append(m).append('\n');
    }
    Path file = dir.resolve(origin + ".zone");
    Files.writeString(file, text);
    return file;
  }

  /** A zone of PowerDNS's, primary, in catalog.example. */
  private static void member(PowerDnsPeer pdns, Path zones, String zone, Endpoint tandem) {
    Path file = ZoneFiles.write(zones, zone, 1, 3600, 600, 86400, "v IN TXT \"" + zone + "\"");
    pdns.pdnsutil("load-zone", zone, file.toString());
    pdns.pdnsutil("set-kind", zone, "primary");
    publish(pdns, zone, tandem);
    pdns.pdnsutil("set-catalog", zone, "catalog.example");
  }

  /** Tandem may transfer the zone, and is told of its changes (ALSO-NOTIFY), as docs/catalog-zones.md says. */
  private static void publish(PowerDnsPeer pdns, String zone, Endpoint tandem) {
    pdns.pdnsutil("set-meta", zone, "ALLOW-AXFR-FROM", "127.0.0.0/8");
    pdns.pdnsutil("set-meta", zone, "ALSO-NOTIFY", tandem.toString());
  }

  private static void served(TandemProcess tandem, String zone, boolean served) {
    DnsQuery q = DnsQuery.to(tandem.endpoint()).timeout(Duration.ofMillis(500));
    Wait.until(ARRIVES, () -> (q.soaSerial(zone) > 0) == served,
        () -> "Tandem " + (served ? "does not serve " : "still serves ") + zone + "\n" + tandem.log());
  }
}
