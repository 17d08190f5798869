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
}
