package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key the configuration records accept. */
class ConfigReferenceTest {
  @Test
  void everyKeyIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    List<String> keys = ConfigKeys.of(TandemConfig.class);
    assertThat(keys).hasSizeGreaterThan(40);
    assertThat(keys).allSatisfy(k -> assertThat(doc).as("docs/configuration.md documents `%s`", k).contains("| `" + k + "` |"));
  }

  @Test
  void theDocumentMentionsNoKeyThatDoesNotExist() throws Exception {
    List<String> keys = ConfigKeys.of(TandemConfig.class);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `([a-z][a-z0-9.\\[\\]-]*)` \\|")
        .matcher(Files.readString(Path.of("docs/configuration.md")));
    while (m.find()) {
      assertThat(keys).as("docs/configuration.md lists `%s`", m.group(1)).contains(m.group(1));
    }
  }
}
