package org.tandemdns.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TsigKey;

/**
 * Writes a tandem.yaml (README "Configuration") for one primary zone served from a file. NOTIFY
 * goes only to the listed targets ({@code notify-ns: false}), so no test NOTIFY leaves loopback.
 */
final class TandemYaml {

  private final String zone;
  private final Path file;
  private final Map<String, String> server = new LinkedHashMap<>();
  private final List<TsigKey> keys = new ArrayList<>();
  private final List<String> notify = new ArrayList<>();
  private final List<String> allowTransfer = new ArrayList<>();

  private TandemYaml(String zone, Path file) {
    this.zone = zone;
    this.file = file.toAbsolutePath();
  }

  static TandemYaml primary(String zone, Path file) {
    return new TandemYaml(zone, file);
  }

  TandemYaml listen(Endpoint endpoint) {
    return server("listen", "[" + quote(endpoint.toString()) + "]");
  }

  TandemYaml dataDir(Path dir) {
    return server("data-dir", quote(dir.toAbsolutePath().toString()));
  }

  /** Any other {@code server:} setting, value in YAML syntax (e.g. {@code "tcp-idle-timeout", "2s"}). */
  TandemYaml server(String key, String value) {
    server.put(key, value);
    return this;
  }

  TandemYaml key(TsigKey key) {
    keys.add(key);
    return this;
  }

  /** A NOTIFY target, {@code ADDR[:PORT] [key NAME]}. */
  TandemYaml notify(String target) {
    notify.add(target);
    return this;
  }

  /** An allow-transfer entry, {@code PREFIX [key NAME]}, {@code key NAME}, {@code any}. */
  TandemYaml allowTransfer(String entry) {
    allowTransfer.add(entry);
    return this;
  }

  String text() {
    StringBuilder s = new StringBuilder("server:\n");
    server.forEach((k, v) -> s.append("  ").append(k).append(": ").append(v).append('\n'));
    if (!keys.isEmpty()) {
      s.append("keys:\n");
      for (TsigKey k : keys) {
        s.append("  - { name: ").append(k.name()).append(", algorithm: ").append(k.algorithm())
            .append(", secret: ").append(quote(k.secret())).append(" }\n");
      }
    }
    s.append("zones:\n");
    s.append("  - name: ").append(zone).append('\n');
    s.append("    file: ").append(quote(file.toString())).append('\n');
    s.append("    notify-ns: false\n");
    s.append("    notify: ").append(list(notify)).append('\n');
    s.append("    allow-transfer: ").append(list(allowTransfer)).append('\n');
    return s.toString();
  }

  Path writeTo(Path path) {
    try {
      return Files.writeString(path, text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items.stream().map(TandemYaml::quote).toList()) + "]";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
