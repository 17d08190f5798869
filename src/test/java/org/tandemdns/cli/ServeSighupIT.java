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
  void aSighupWhileZonesAreStillLoadingIsAReloadNotAnExit() throws IOException {
    Path small = TestZones.write(tmp, "small.test", 1);
    StringBuilder big = new StringBuilder("$ORIGIN big.test.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\n"
        + "ns A 127.0.0.1\n");
    for (int i = 0; i < 150_000; i++) {
      big.append("h").append(i).append(" A 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.')
          .append(i & 255).append('\n');
    }
    Path bigFile = Files.writeString(tmp.resolve("big.test.zone"), big);
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
      assertThat(tandem.serial("big.test")).as("the big zone is still loading: the window this test needs").isEqualTo(-1);
      tandem.sighup();
      Wait.until(Duration.ofSeconds(60), () -> !tandem.isAlive() || tandem.serial("big.test") == 1,
          () -> "big.test never served\n" + tandem.log());
      assertThat(tandem.isAlive()).as("alive after a SIGHUP during start-up\n" + tandem.log()).isTrue();
      tandem.awaitLog("reload: 2 zone(s) read", Duration.ofSeconds(20));
      assertThat(tandem.serial("small.test")).isEqualTo(1);
    }
  }
}
