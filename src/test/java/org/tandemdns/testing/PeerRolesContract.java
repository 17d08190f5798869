package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The roles every peer must play, run against each peer kind by its {@code *PeerIT} subclass: a
 * primary serving a zone file, and a secondary fed by a primary of the same kind with TSIG and
 * NOTIFY.
 */
abstract class PeerRolesContract<P extends PeerProcess> {

  static final String ZONE = "harness.test";

  @TempDir Path tmp;

  /** A fresh builder for the peer kind under test. */
  abstract PeerBuilder<P> builder();

  @Test
  void primaryServesItsZoneOverUdpAndTcp() {
    Path file = TestZones.write(tmp, ZONE, 7);
    try (P peer = builder().primary(PrimaryZone.of(ZONE, file)).start()) {
      Message udp = DnsQuery.to(peer.endpoint()).send(DnsQuery.question("www." + ZONE, Type.A));
      Message tcp = DnsQuery.to(peer.endpoint()).tcp().send(DnsQuery.question("www." + ZONE, Type.A));

      for (Message response : new Message[] {udp, tcp}) {
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER))
            .singleElement()
            .satisfies(r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.1"));
      }
      assertThat(peer.serial(ZONE)).isEqualTo(7);
    }
  }

  @Test
  void secondaryTransfersWithTsigAndFollowsNotify() throws Exception {
    TsigKey key = TsigKey.generate("harness-xfr");
    Path file = TestZones.write(tmp, ZONE, 1);
    Endpoint secondaryAt = Endpoint.freeLoopback();
    PrimaryZone primaryZone =
        PrimaryZone.of(ZONE, file).allowTransfer(Acl.key(key)).notifyTo(Remote.of(secondaryAt, key));

    try (P primary = builder().primary(primaryZone).start();
        P secondary =
            builder().listen(secondaryAt).secondary(SecondaryZone.of(ZONE, primary.endpoint(), key)).start()) {
      secondary.awaitSerial(ZONE, 1, Duration.ofSeconds(10)); // fails the test if serial 1 is not served in time

      Message unsigned = DnsQuery.to(primary.endpoint()).tcp().send(DnsQuery.question(ZONE, Type.AXFR));
      assertThat(unsigned.getRcode()).as("unsigned AXFR must be refused").isNotEqualTo(Rcode.NOERROR);
      Message signed =
          DnsQuery.to(primary.endpoint()).tcp().tsig(key).send(DnsQuery.question(ZONE, Type.AXFR));
      assertThat(signed.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(signed.isVerified()).isTrue();

      TestZones.write(tmp, ZONE, 2, "added IN A 192.0.2.2");
      primary.reload();
      primary.awaitSerial(ZONE, 2, Duration.ofSeconds(10));
      secondary.awaitSerial(ZONE, 2, Duration.ofSeconds(15));
      Message added = DnsQuery.to(secondary.endpoint()).send(DnsQuery.question("added." + ZONE, Type.A));
      assertThat(added.getSection(Section.ANSWER)).hasSize(1);
      afterIncrementalTransfer(primary, secondary);
    }
  }

  /** Extra checks once the secondary has followed the change (e.g. that it was an IXFR). */
  void afterIncrementalTransfer(P primary, P secondary) {}
}
