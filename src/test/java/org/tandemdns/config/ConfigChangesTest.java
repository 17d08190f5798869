package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 3: what a re-read configuration changed, named as the YAML names it. */
class ConfigChangesTest {

  @TempDir Path dir;

  private TandemConfig load(String yaml) throws Exception {
    return new ConfigLoader().load(Files.writeString(dir.resolve("tandem.yaml"), yaml));
  }

  private static final String BASE = """
      server: { listen: 127.0.0.1:5300, data-dir: data }
      keys: [ { name: k1, algorithm: hmac-sha256, secret: %s } ]
      zones:
        - { name: a.test, file: a.zone }
        - { name: b.test, type: secondary, primaries: ["127.0.0.1:5301 key k1"] }
        - { name: c.test, file: c.zone }
      """;

  @Test
  void namesZonesAddedRemovedChangedKeysAndWhatNeedsARestart() throws Exception {
    TandemConfig before = load(BASE.formatted("c2VjcmV0LW9uZS1zZWNyZXQtb25l"));
    TandemConfig after = load("""
        server: { listen: 127.0.0.1:5399, data-dir: data }
        keys: [ { name: k1, algorithm: hmac-sha256, secret: c2VjcmV0LXR3by1zZWNyZXQtdHdv } ]
        zones:
          - { name: a.test, file: a.zone, allow-transfer: [127.0.0.1], notify: [127.0.0.1:5302] }
          - { name: b.test, type: secondary, primaries: ["127.0.0.1:5301 key k1"] }
          - { name: d.test, file: d.zone }
        """);
    ConfigChanges c = ConfigChanges.between(before, after);
    assertThat(c.added()).extracting(z -> z.name().toString()).containsExactly("d.test.");
    assertThat(c.removed()).extracting(Object::toString).containsExactly("c.test.");
    assertThat(c.changed()).singleElement().satisfies(z -> {
      assertThat(z.after().name().toString()).isEqualTo("a.test.");
      assertThat(z.keys()).containsExactly("notify", "allow-transfer");
      assertThat(z.rebuilds()).isFalse();
    });
    assertThat(c.keys()).containsExactly("k1.");
    assertThat(c.needRestart()).containsExactly("server.listen");
    assertThat(c.summary()).isEqualTo("zones added: d.test.; zones removed: c.test.; zones changed: a.test. (notify, allow-transfer);"
        + " keys changed: k1.; not applied until a restart: server.listen");
  }

  @Test
  void theSameFileReadTwiceChangesNothingAndATypeChangeRebuilds() throws Exception {
    TandemConfig one = load(BASE.formatted("c2VjcmV0LW9uZS1zZWNyZXQtb25l"));
    TandemConfig two = load(BASE.formatted("c2VjcmV0LW9uZS1zZWNyZXQtb25l"));
    assertThat(ConfigChanges.between(one, two).none()).isTrue();
    assertThat(ConfigChanges.between(one, two).summary()).isEqualTo("configuration unchanged");

    TandemConfig primary = load(BASE.formatted("c2VjcmV0LW9uZS1zZWNyZXQtb25l")
        .replace("{ name: b.test, type: secondary, primaries: [\"127.0.0.1:5301 key k1\"] }", "{ name: b.test, file: b.zone }"));
    assertThat(ConfigChanges.between(one, primary).changed()).singleElement().satisfies(z -> {
      assertThat(z.keys()).containsExactly("type", "file", "primaries", "allow-notify");
      assertThat(z.rebuilds()).isTrue();
    });
  }
}
