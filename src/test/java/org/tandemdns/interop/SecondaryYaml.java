package org.tandemdns.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TsigKey;

/**
 * Writes a Tandem config file (tandem.yaml) for one test: the server section, TSIG keys, and zones
 * given as a few YAML lines each. Strings are quoted so that base64 secrets and "ADDR key NAME"
 * entries stay strings.
 *
 * <pre>{@code
 * Path config = SecondaryYaml.server(endpoint, dataDir).key(key)
 *     .secondary("example.test", List.of(primary + " key xfr-key"), "notify-ns: false")
 *     .write(dir.resolve("tandem.yaml"));
 * }</pre>
 */
final class SecondaryYaml {

  private final StringBuilder keys = new StringBuilder();
  private final StringBuilder zones = new StringBuilder();
  private final StringBuilder sections = new StringBuilder();
  private final Endpoint listen;
  private final Path dataDir;
  private final Endpoint apiListen = Endpoint.freeLoopback();

  private SecondaryYaml(Endpoint listen, Path dataDir) {
    this.listen = listen;
    this.dataDir = dataDir;
  }

  static SecondaryYaml server(Endpoint listen, Path dataDir) {
    return new SecondaryYaml(listen, dataDir);
  }

  /** Where this server's HTTP API listens; its admin token is in {@code <data-dir>/api.token}. */
  Endpoint apiListen() {
    return apiListen;
  }

  SecondaryYaml key(TsigKey key) {
    keys.append("  - {name: ").append(key.name()).append(", algorithm: ").append(key.algorithm())
        .append(", secret: \"").append(key.secret()).append("\"}\n");
    return this;
  }

  /** A secondary zone of {@code primaries} ({@code "ADDR:PORT [key NAME]"}), plus raw zone lines. */
  SecondaryYaml secondary(String name, List<String> primaries, String... lines) {
    zones.append("  - name: ").append(name).append('\n');
    zones.append("    type: secondary\n");
    zones.append("    primaries: ").append(quoted(primaries)).append('\n');
    for (String l : lines) {
      zones.append("    ").append(l).append('\n');
    }
    return this;
  }

  /** A primary zone served from {@code file}, plus raw zone lines. */
  SecondaryYaml primary(String name, Path file, String... lines) {
    zones.append("  - name: ").append(name).append('\n');
    zones.append("    file: \"").append(file.toAbsolutePath()).append("\"\n");
    for (String l : lines) {
      zones.append("    ").append(l).append('\n');
    }
    return this;
  }

  /** A raw top-level section, e.g. {@code "tls:\n  listen: [...]\n"}. */
  SecondaryYaml section(String yaml) {
    sections.append(yaml.endsWith("\n") ? yaml : yaml + "\n");
    return this;
  }

  /** {@code ["a", "b"]}, for list values inside raw zone lines. */
  static String quoted(List<String> values) {
    return "[" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
  }

  String text() {
    StringBuilder s = new StringBuilder();
    s.append("server:\n");
    s.append("  listen: [\"").append(listen).append("\"]\n");
    s.append("  data-dir: \"").append(dataDir.toAbsolutePath()).append("\"\n");
    // its own HTTP API port, so that tests running side by side do not contend for the default 8053
    s.append("api:\n  listen: \"").append(apiListen).append("\"\n");
    if (keys.length() > 0) {
      s.append("keys:\n").append(keys);
    }
    s.append(sections);
    s.append("zones:\n").append(zones);
    return s.toString();
  }

  Path write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
