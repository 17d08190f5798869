package org.tandemdns.config;

import java.nio.file.Path;

/**
 * Reading the first configuration costs a cold JVM over half a second (loading and linking the
 * YAML and data-binding classes). {@code tandem serve} starts this on a spare thread first, so that
 * the cost overlaps the parsing of the command line; the real configuration is then read warm.
 */
public final class ConfigWarmUp {
  private static final String SAMPLE = """
      server:
        listen: ["127.0.0.1:5300", "[::1]:5300"]
        data-dir: warm-up-data
        tcp-idle-timeout: 10s
      zones:
        - name: warm.up
          file: warm.up.zone
          allow-transfer: ["127.0.0.1"]
          notify: ["127.0.0.1:5301"]
          serial-policy: keep
        - name: s.warm.up
          type: secondary
          primaries: ["127.0.0.1:5301"]
      api:
        listen: 127.0.0.1:0
      """;

  private ConfigWarmUp() {}

  /** Starts the warm-up on a daemon thread; it reads nothing from disk and changes nothing. */
  public static void start() {
    Thread t = new Thread(ConfigWarmUp::run, "config-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      new ConfigLoader(name -> null).load(SAMPLE, Path.of("warm-up.yaml").toAbsolutePath());
    } catch (ConfigException | RuntimeException e) {
      // only a warm-up: the real configuration reports its own problems
    }
  }
}
