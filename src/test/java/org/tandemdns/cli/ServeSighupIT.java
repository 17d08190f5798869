package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestZones;
import org.tandemdns.testing.Wait;

/**
 * A SIGHUP that arrives once a zone is served must reload, never stop the server. {@code tandem
 * serve} serves each zone as soon as it is loaded, while others still load; a SIGHUP in that window
 * (from logrotate, or an operator who saw the first zone answer) used to reach the JVM before the
 * handler was installed, and the JVM's default action for SIGHUP is to exit.
 */
class ServeSighupIT {
  @TempDir Path tmp;

  @Test
  void aSighupWhileZonesAreStillLoadingIsAReloadNotAnExit() throws Exception {
    Path small = TestZones.write(tmp, "small.test", 1);
    // big.test is read from a named pipe: it cannot load until this test writes it, which holds the
    // window open for as long as the test needs, on any machine
    Path bigFile = tmp.resolve("big.test.zone");
    Process mkfifo = new ProcessBuilder("mkfifo", bigFile.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
    String big = "$ORIGIN big.test.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n"
        + "www A 192.0.2.1\n";
    Endpoint dns = Endpoint.freeLoopback();
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: data
        api:
          listen: 127.0.0.1:0
        zones:
          - { name: small.test, file: %s }
          - { name: big.test, file: %s }
        """.formatted(dns, small, bigFile));
    try (TandemProcess tandem = TandemProcess.builder().config(config, dns).awaitZone("small.test").start()) {
      assertThat(tandem.serial("big.test")).as("big.test waits for its pipe: the window this test needs").isEqualTo(-1);
      tandem.sighup();
      tandem.awaitLog("SIGHUP: re-reading the configuration and the zone files once start-up is done", Duration.ofSeconds(10));
      assertThat(tandem.isAlive()).as("alive after a SIGHUP during start-up\n" + tandem.log()).isTrue();
      assertThat(tandem.serial("big.test")).isEqualTo(-1);
      // a long start-up says how far it is (issue 16): every 10 s, while big.test waits
      tandem.awaitLog("start-up: 1 of 2 zone(s) loaded after", Duration.ofSeconds(20));

      // the start-up read; then, once it is done (a second writer before that would join the first
      // one's stream), the reload's read
      Thread first = writeInBackground(bigFile, big);
      Wait.until(Duration.ofSeconds(30), () -> !tandem.isAlive() || tandem.serial("big.test") == 1,
          () -> "big.test never served\n" + tandem.log());
      Thread second = writeInBackground(bigFile, big);
      assertThat(tandem.isAlive()).as("alive after a SIGHUP during start-up\n" + tandem.log()).isTrue();
      tandem.awaitLog("reload: 2 zone(s) read", Duration.ofSeconds(20));
      assertThat(tandem.serial("small.test")).isEqualTo(1);
      first.join(5_000);
      second.join(5_000);
      assertThat(second.isAlive()).as("the reload read the pipe again").isFalse();
    }
  }

  /** Writes {@code text} to the pipe once a reader opens it. */
  private static Thread writeInBackground(Path fifo, String text) {
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, text);
      } catch (IOException e) {
        // Tandem went away before reading; the test's assertions say so
      }
    }, "fifo-writer");
    writer.setDaemon(true);
    writer.start();
    return writer;
  }
}
