package org.tandemdns.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** RFC 9432 §4, §5: what a consumer reads from a catalog, and what it leaves out. */
class CatalogContentTest {
  private static final Name CATALOG = Name.fromConstantString("cat.test.");

  static ZoneSnapshot catalog(String body) throws Exception {
    String text = "$ORIGIN cat.test.\n@ 0 SOA invalid. invalid. 1 3600 600 2419200 0\n@ 0 NS invalid.\n" + body;
    ZoneBuilder b = new ZoneBuilder(CATALOG, "test");
    ZoneFileReader.forUntrustedText().read(new StringReader(text), "test", CATALOG, b::add);
    return b.build();
  }

  private static Name n(String s) {
    return Name.fromConstantString(s);
  }

  @Test
  void readsMembersWithGroupsAndChangeOfOwnership() throws Exception {
    CatalogContent c = CatalogContent.read(catalog("""
        version 0 TXT "2"
        m1.zones 0 PTR a.test.
        group.m1.zones 0 TXT "web"
        group.m1.zones 0 TXT "eu"
        M2.ZONES 0 PTR b.test.
        coo.m2.zones 0 PTR other.test.
        ext.m2.zones 0 TXT "ignored"
        serial.m2.zones 0 TXT "unknown property, ignored (RFC 9432 §3)"
        """));
    assertThat(c.versionProblem()).isNull();
    assertThat(c.problems()).isEmpty();
    assertThat(c.members()).containsOnlyKeys(n("a.test."), n("b.test."));
    assertThat(c.members().get(n("a.test."))).isEqualTo(new CatalogContent.Entry(n("a.test."), "m1", List.of("web", "eu"), null));
    assertThat(c.members().get(n("b.test."))).isEqualTo(new CatalogContent.Entry(n("b.test."), "m2", List.of(), n("other.test.")));
  }

  @Test
  void aMissingRepeatedOrOtherVersionMakesTheCatalogUnusable() throws Exception {
    assertThat(CatalogContent.read(catalog("m1.zones 0 PTR a.test.\n")).versionProblem()).contains("no version record");
    assertThat(CatalogContent.read(catalog("version 0 TXT \"1\"\nm1.zones 0 PTR a.test.\n")).versionProblem())
        .contains("schema version is \"1\"");
    CatalogContent two = CatalogContent.read(catalog("version 0 TXT \"2\"\nversion 0 TXT \"3\"\nm1.zones 0 PTR a.test.\n"));
    assertThat(two.versionProblem()).contains("2 version records");
    assertThat(two.members()).as("nothing read from an unusable catalog").isEmpty();
  }

  @Test
  void leavesOutEntriesWithTwoPtrsMembersListedTwiceAndTheCatalogItself() throws Exception {
    CatalogContent c = CatalogContent.read(catalog("""
        version 0 TXT "2"
        m1.zones 0 PTR a.test.
        m1.zones 0 PTR b.test.
        m2.zones 0 PTR c.test.
        m3.zones 0 PTR c.test.
        m4.zones 0 PTR c.test.
        m5.zones 0 PTR cat.test.
        m6.zones 0 PTR d.test.
        """));
    assertThat(c.members()).containsOnlyKeys(n("d.test."));
    assertThat(c.problems()).hasSize(4).anyMatch(p -> p.contains("entry m1 has 2 PTR records"))
        .anyMatch(p -> p.contains("member c.test. is listed twice (entries m2 and m3)"))
        .anyMatch(p -> p.contains("the catalog itself"));
  }
}
