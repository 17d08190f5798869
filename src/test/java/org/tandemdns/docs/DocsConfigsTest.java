package org.tandemdns.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.config.ConfigLoader;

/**
 * Every Tandem configuration shown in docs/ works as written: each YAML block that is a Tandem
 * config is, verbatim, a file of src/test/resources/docs-configs, and each of those files loads
 * (secret files they name are made up for the test; the guides' own tests run them with peers).
 */
class DocsConfigsTest {
  static final Path CONFIGS = Path.of("src/test/resources/docs-configs");
  static final Set<String> TANDEM_TOP_KEYS = Set.of("server", "keys", "zones", "api", "monitor", "sync", "dnssec-policies", "logging", "tls");
  static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\\n(.*?)```");
  static final Pattern TOP_KEY = Pattern.compile("(?m)^([a-z][a-z-]*):");

  @TempDir Path tmp;

  @Test
  void everyTandemConfigInTheDocsIsATestedFile() throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(CONFIGS)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.add(Files.readString(p).strip());
      }
    }
    int blocks = 0;
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
        Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
        while (m.find()) {
          String block = m.group(1).strip();
          if (isTandemConfig(block)) {
            blocks++;
            assertThat(files).as("%s shows a config that is not a file of %s (so no test loads it):%n%s", doc, CONFIGS, block)
                .contains(block);
          }
        }
      }
    }
    assertThat(blocks).isGreaterThan(5);
  }

  @Test
  void everyDocsConfigFileLoads() throws IOException {
    copy(CONFIGS, tmp);
    Pattern secretFile = Pattern.compile("(?:secret|api-key|token)-file:\\s*([^\\s,}]+)");
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path yaml : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Matcher m = secretFile.matcher(Files.readString(yaml));
        while (m.find()) {
          Path secret = yaml.getParent().resolve(m.group(1));
          if (!Files.exists(secret)) {
            Files.createDirectories(secret.getParent());
            Files.writeString(secret, "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
          }
        }
        try {
          // any *-env credential a docs config names reads as set
          new ConfigLoader(name -> "value-of-" + name).load(yaml);
        } catch (Exception e) {
          throw new AssertionError(CONFIGS.resolve(yaml.getFileName()) + " does not load: " + e.getMessage(), e);
        }
      }
    }
  }

  static boolean isTandemConfig(String block) {
    Matcher m = TOP_KEY.matcher(block);
    boolean any = false;
    while (m.find()) {
      if (!TANDEM_TOP_KEYS.contains(m.group(1))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
