package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** TandemProcess runs the built jar's {@code serve}, waits for its zone, and stops it on close. */
class TandemProcessIT {

  @TempDir Path tmp;

  @Test
  void servesZoneFromCommandLineAndStopsOnClose() {
    Path file = TestZones.write(tmp, "tandem.test", 3);
    TandemProcess started;
    try (TandemProcess tandem = TandemProcess.builder().zone("tandem.test", file).start()) {
      started = tandem;
      Message soa = DnsQuery.to(tandem.endpoint()).tcp().send(DnsQuery.question("tandem.test", Type.SOA));

      assertThat(soa.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(soa.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(tandem.serial("tandem.test")).isEqualTo(3);
      assertThat(tandem.log()).contains("tandem.test");
    }
    assertThat(started.isAlive()).isFalse();
  }
}
