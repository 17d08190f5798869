package org.tandemdns.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** RFC 9432 §4: what a produced catalog holds. */
class CatalogZoneTest {
  private static final Name CATALOG = Name.fromConstantString("catalog.test.");

  @Test
  void holdsVersionTwoAndOnePtrPerMemberWithItsGroup() {
    ZoneSnapshot s = CatalogZone.build(CATALOG, List.of(new CatalogZone.Member(Name.fromConstantString("a.test."), "web"),
        new CatalogZone.Member(Name.fromConstantString("b.test."), null)), 7);
    List<String> records = new ArrayList<>();
    s.forEachRecord(r -> records.add(r.toString().replaceAll("\\s+", " ")));
    String a = CatalogZone.uniqueId(Name.fromConstantString("a.test."));
    String b = CatalogZone.uniqueId(Name.fromConstantString("b.test."));
    assertThat(records).containsExactlyInAnyOrder(
        "catalog.test. 0 IN SOA invalid. invalid. 7 3600 600 2419200 0",
        "catalog.test. 0 IN NS invalid.",
        "version.catalog.test. 0 IN TXT \"2\"",
        a + ".zones.catalog.test. 0 IN PTR a.test.",
        "group." + a + ".zones.catalog.test. 0 IN TXT \"web\"",
        b + ".zones.catalog.test. 0 IN PTR b.test.");
  }

  @Test
  void uniqueIdsAreStableCaseBlindAndDistinct() {
    assertThat(CatalogZone.uniqueId(Name.fromConstantString("Example.COM."))).isEqualTo(CatalogZone.uniqueId(Name.fromConstantString("example.com.")))
        .hasSize(16).matches("[0-9a-f]{16}");
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(CatalogZone.uniqueId(Name.fromConstantString("z" + i + ".example.")));
    }
    assertThat(ids).as("100,000 members, 100,000 labels").hasSize(100_000);
  }

  @Test
  void changesAreOnlyTheMemberRecordsThatDiffer() throws Exception {
    Name a = Name.fromConstantString("a.test.");
    Name b = Name.fromConstantString("b.test.");
    Name c = Name.fromConstantString("c.test.");
    ZoneSnapshot s = CatalogZone.build(CATALOG, List.of(new CatalogZone.Member(a, "web"), new CatalogZone.Member(b, null)), 7);
    assertThat(CatalogZone.changes(s, List.of(new CatalogZone.Member(a, "web"), new CatalogZone.Member(b, null))).changesContent())
        .as("same members").isFalse();

    org.tandemdns.zone.ZoneDiff d = CatalogZone.changes(s, List.of(new CatalogZone.Member(a, "mail"), new CatalogZone.Member(c, "web")));
    assertThat(d.fromSerial()).isEqualTo(7);
    assertThat(d.toSerial()).isEqualTo(8);
    String ida = CatalogZone.uniqueId(a);
    String idb = CatalogZone.uniqueId(b);
    String idc = CatalogZone.uniqueId(c);
    assertThat(d.deleted()).extracting(r -> r.toString().replaceAll("\\s+", " ")).containsExactlyInAnyOrder(
        "group." + ida + ".zones.catalog.test. 0 IN TXT \"web\"", idb + ".zones.catalog.test. 0 IN PTR b.test.");
    assertThat(d.added()).extracting(r -> r.toString().replaceAll("\\s+", " ")).containsExactlyInAnyOrder(
        "group." + ida + ".zones.catalog.test. 0 IN TXT \"mail\"", idc + ".zones.catalog.test. 0 IN PTR c.test.",
        "group." + idc + ".zones.catalog.test. 0 IN TXT \"web\"");
    assertThat(org.tandemdns.zone.ZoneEditor.apply(s, d).recordCount()).as("the diff applies").isEqualTo(
        CatalogZone.build(CATALOG, List.of(new CatalogZone.Member(a, "mail"), new CatalogZone.Member(c, "web")), 8).recordCount());
  }

  @Test
  void cooAndCustomPropertiesAreWrittenAndChangedLikeTheGroup() throws Exception {
    Name a = Name.fromConstantString("a.test.");
    Name next = Name.fromConstantString("next-catalog.test.");
    String id = CatalogZone.uniqueId(a);
    ZoneSnapshot s = CatalogZone.build(CATALOG, List.of(new CatalogZone.Member(a, "web", null, java.util.Map.of("tier", "gold"))), 3);
    List<String> records = new java.util.ArrayList<>();
    s.forEachRecord(r -> records.add(r.toString().replaceAll("\\s+", " ")));
    assertThat(records).contains("tier.ext." + id + ".zones.catalog.test. 0 IN TXT \"gold\"")
        .noneMatch(r -> r.startsWith("coo."));

    // the member moves to another catalog: the old one keeps it, with coo (RFC 9432 §5.6)
    org.tandemdns.zone.ZoneDiff d = CatalogZone.changes(s, List.of(new CatalogZone.Member(a, "web", next, java.util.Map.of("tier", "silver"))));
    assertThat(d.deleted()).extracting(r -> r.toString().replaceAll("\\s+", " "))
        .containsExactly("tier.ext." + id + ".zones.catalog.test. 0 IN TXT \"gold\"");
    assertThat(d.added()).extracting(r -> r.toString().replaceAll("\\s+", " ")).containsExactlyInAnyOrder(
        "coo." + id + ".zones.catalog.test. 0 IN PTR next-catalog.test.", "tier.ext." + id + ".zones.catalog.test. 0 IN TXT \"silver\"");

    // and once it is gone from the old catalog, every record under its entry goes
    ZoneSnapshot moving = org.tandemdns.zone.ZoneEditor.apply(s, d);
    org.tandemdns.zone.ZoneDiff gone = CatalogZone.changes(moving, List.of());
    assertThat(gone.deleted()).hasSize(4);
    assertThat(gone.added()).isEmpty();
    assertThat(org.tandemdns.zone.ZoneEditor.apply(moving, gone).recordCount()).isEqualTo(3);
  }
}
