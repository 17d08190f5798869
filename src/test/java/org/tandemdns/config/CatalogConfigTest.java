package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** {@code produces-catalog} and {@code catalog:} (RFC 9432): what loads, and the errors for what does not. */
class CatalogConfigTest {
  @TempDir Path dir;

  private TandemConfig load(String zones) throws Exception {
    Path file = Files.writeString(dir.resolve("tandem.yaml"), "server:\n  data-dir: " + dir.resolve("data") + "\nzones:\n" + zones);
    return new ConfigLoader().load(file);
  }

  @Test
  void aMemberNamesACatalogZoneOfTheFile() throws Exception {
    TandemConfig c = load("""
          - name: cat.test
            produces-catalog: true
          - name: m.test
            catalog: { zone: cat.test, group: web }
        """);
    assertThat(c.zones().get(0).producesCatalog()).isTrue();
    assertThat(c.zones().get(0).managed()).as("not changed through the API").isFalse();
    assertThat(c.zones().get(1).catalog()).isEqualTo(new CatalogMembership(Name.fromConstantString("cat.test."), "web"));
    assertThat(ZoneConfigJson.write(c.zones().get(1))).contains("\"catalog\":{\"zone\":\"cat.test.\",\"group\":\"web\"}");
    assertThat(new ConfigLoader().readZone(ZoneConfigJson.write(c.zones().get(1)), "x")).isEqualTo(c.zones().get(1));
  }

  @Test
  void aCatalogThatIsNotOneIsAnErrorWithItsLine() {
    assertThatThrownBy(() -> load("""
          - name: cat.test
          - name: m.test
            catalog: { zone: cat.test }
        """)).hasMessageContaining("tandem.yaml:6: zones[1].catalog.zone: cat.test. is not a zone with 'produces-catalog: true'");
  }

  @Test
  void aCatalogZoneIsAPrimaryTandemWrites() {
    assertThatThrownBy(() -> load("""
          - name: cat.test
            produces-catalog: true
            type: secondary
            primaries: ["192.0.2.1"]
        """)).hasMessageContaining("a catalog zone (produces-catalog) is a primary written by Tandem");
    assertThatThrownBy(() -> load("""
          - name: cat.test
            produces-catalog: true
            catalog: { zone: cat.test }
        """)).hasMessageContaining("a catalog zone (produces-catalog) is a primary written by Tandem");
    assertThatThrownBy(() -> load("""
          - name: cat.test
            produces-catalog: true
          - name: m.test
            catalog: { group: web }
        """)).hasMessageContaining("catalog: name the catalog zone");
  }

  @Test
  void aCatalogConsumerIsASecondaryWhoseMembersTakeTheirGroupsTemplate() throws Exception {
    TandemConfig c = load("""
          - name: cat.test
            type: catalog-consumer
            primaries: ["192.0.2.1"]
            members:
              template: { allow-transfer: ["10.0.0.0/8"] }
              groups:
                web: { primaries: ["192.0.2.7"] }
              removed-grace: 1d
        """);
    ZoneConfig cat = c.zones().get(0);
    assertThat(cat.type()).isEqualTo(ZoneType.SECONDARY);
    assertThat(cat.consumesCatalog()).isTrue();
    assertThat(cat.members().removedGrace()).isEqualTo(java.time.Duration.ofDays(1));
    ZoneConfig plain = cat.members().templateFor(java.util.List.of()).memberOf(Name.fromConstantString("a.test."), cat);
    assertThat(plain.primaries()).isEqualTo(cat.primaries());
    assertThat(plain.allowNotify()).as("NOTIFY from the catalog's primaries").isEqualTo(cat.allowNotify());
    assertThat(plain.allowTransfer()).hasSize(1);
    assertThat(plain.consumesCatalog()).isFalse();
    ZoneConfig web = cat.members().templateFor(java.util.List.of("eu", "web")).memberOf(Name.fromConstantString("b.test."), cat);
    assertThat(web.primaries()).extracting(Object::toString).containsExactly("192.0.2.7:53");
    assertThat(web.allowNotify()).extracting(Object::toString).containsExactly("192.0.2.7/32");
    assertThat(web.allowTransfer()).as("the group's template, not the default one").isEmpty();
    assertThat(cat.members().templateFor(java.util.List.of("eu"))).as("no template for that group").isNull();
    assertThat(new ConfigLoader().readZone(ZoneConfigJson.write(cat), "x")).isEqualTo(cat);
  }

  @Test
  void membersAreForCatalogConsumersOnly() {
    assertThatThrownBy(() -> load("""
          - name: cat.test
            members: { template: {} }
        """)).hasMessageContaining("'members' is for catalog consumers (add 'type: catalog-consumer')");
    assertThatThrownBy(() -> load("""
          - name: cat.test
            type: catalog-consumer
        """)).hasMessageContaining("a catalog consumer needs 'primaries'");
    assertThatThrownBy(() -> load("""
          - name: cat.test
            type: catalog-consumer
            primaries: ["192.0.2.1"]
            members: { template: { allow-update: ["any"] } }
        """)).hasMessageContaining("allow-update");
  }

  @Test
  void aMoveNamesAnotherCatalogOfTheFileAndCustomPropertiesAreLabels() throws Exception {
    TandemConfig c = load("""
          - {name: old.cat, produces-catalog: true}
          - {name: new.cat, produces-catalog: true}
          - name: m.test
            catalog: { zone: new.cat, moved-from: old.cat, ext: { tier: gold } }
        """);
    assertThat(c.zones().get(2).catalog().movedFrom()).isEqualTo(Name.fromConstantString("old.cat."));
    assertThat(c.zones().get(2).catalog().ext()).containsEntry("tier", "gold");
    assertThat(new ConfigLoader().readZone(ZoneConfigJson.write(c.zones().get(2)), "store").catalog()).as("API zones keep them").isEqualTo(c.zones().get(2).catalog());
    assertThatThrownBy(() -> load("""
          - {name: new.cat, produces-catalog: true}
          - name: m.test
            catalog: { zone: new.cat, moved-from: elsewhere.cat }
        """)).hasMessageContaining("catalog.moved-from: elsewhere.cat. is not a catalog zone produced here");
    assertThatThrownBy(() -> load("""
          - {name: new.cat, produces-catalog: true}
          - name: m.test
            catalog: { zone: new.cat, ext: { "two labels": x } }
        """)).hasMessageContaining("is not one DNS label");
  }
}
