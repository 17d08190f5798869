package org.tandemdns.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.ServerConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.xbill.DNS.Name;

/** What a failed reload says it still serves (issue 15, 6: it said "still serving serial -1"). */
class FileZoneReloadMessagesIT {
  @TempDir Path dir;

  @Test
  void aZoneThatNeverLoadedIsNotCalledServingSerialMinusOne() throws Exception {
    Path file = dir.resolve("never.test.zone");
    Files.writeString(file, "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A not-an-address\n");
    Name zone = Name.fromConstantString("never.test.");
    ServerConfig s = new ServerConfig(List.of(HostPort.parse("127.0.0.1:0", 53)), dir.resolve("data"), 1,
        Duration.ofSeconds(1), 3, null, null, null, null, null, null, null);
    try (TandemServer server = TandemServer.start(new TandemConfig(s, null, List.of(ZoneConfig.primary(zone, file))))) {
      ReloadResult r = server.reload(zone);

      assertThat(r.ok()).isFalse();
      assertThat(r.message()).contains("the zone has never loaded and is not served").doesNotContain("serial -1");

      Files.writeString(file, "$TTL 60\n@ SOA ns1 h 7 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
      assertThat(server.reload(zone).ok()).isTrue();
      Files.writeString(file, "$TTL 60\n@ SOA ns1 h 8 2 3 4 5\n@ NS ns1\nns1 A not-an-address\n");
      assertThat(server.reload(zone).message()).contains("still serving serial 7");
    }
  }
}
