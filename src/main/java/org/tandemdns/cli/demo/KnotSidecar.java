package org.tandemdns.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Knot DNS ({@code knotd}) on loopback as one more secondary, when it is installed: started
 * with its own config in the demo's directory, stopped with the demo.
 */
public final class KnotSidecar implements AutoCloseable {
  private final Process process;
  private final int port;

  private KnotSidecar(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  private static final Path KNOTD = Path.of("/usr/sbin/knotd");

  public static boolean installed() {
    return Files.isExecutable(KNOTD);
  }

  /** Starts knotd on {@code port} as a secondary of {@code primaryPort}, or empty when knotd is not installed. */
  public static Optional<KnotSidecar> start(Path dir, String zone, int port, int primaryPort, String keyName, String keySecret)
      throws IOException {
    if (!installed()) {
      return Optional.empty();
    }
    Path knotd = KNOTD;
    Path home = Files.createDirectories(dir.resolve("knot"));
    String conf = """
        server:
          listen: 127.0.0.1@%d
          rundir: "%s"
        log:
          - target: "%s/knot.log"
            any: info
        database:
          storage: "%s"
        key:
          - id: %s
            algorithm: hmac-sha256
            secret: %s
        remote:
          - id: primary
            address: 127.0.0.1@%d
            key: %s
        acl:
          - id: from-primary
            address: 127.0.0.1
            key: %s
            action: notify
          - id: signed-transfer
            address: 127.0.0.1
            key: %s
            action: transfer
        template:
          - id: default
            storage: "%s"
        zone:
          - domain: %s
            master: primary
            acl: [from-primary, signed-transfer]
        """.formatted(port, home, home, home, keyName, keySecret, primaryPort, keyName, keyName, keyName, home, zone);
    Path config = home.resolve("knot.conf");
    Files.writeString(config, conf);
    Process p = new ProcessBuilder(knotd.toString(), "-c", config.toString())
        .redirectErrorStream(true).redirectOutput(home.resolve("knotd.out").toFile()).start();
    return Optional.of(new KnotSidecar(p, port));
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
