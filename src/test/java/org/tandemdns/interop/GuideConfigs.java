package org.tandemdns.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tandemdns.testing.Endpoint;

/**
 * The guides' tested config files ({@code src/test/resources/docs-configs/}) copied into a test's
 * directory, every {@code 127.0.0.1:PORT} in them moved to a free port (the same one wherever the
 * same port appears, in every file); nothing else is changed.
 */
final class GuideConfigs {
  static final Path CONFIGS = Path.of("src/test/resources/docs-configs");
  private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

  private final Map<Integer, Endpoint> ports = new HashMap<>();

  /** Copies every file of the configs directory into {@code dir}, ports moved in the YAML files. */
  void copyInto(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(CONFIGS)) {
      for (Path p : paths.toList()) {
        Path target = dir.resolve(CONFIGS.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (p.toString().endsWith(".yaml")) {
          Files.writeString(target, movePorts(Files.readString(p)));
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Where the port a guide documents is in this test. */
  Endpoint port(int documented) {
    return ports.computeIfAbsent(documented, p -> Endpoint.freeLoopback());
  }

  private String movePorts(String yaml) {
    Matcher m = LOOPBACK_PORT.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(port(Integer.parseInt(m.group(1))).toString()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
