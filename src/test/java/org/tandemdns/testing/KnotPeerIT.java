package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The harness's KnotPeer plays every role of {@link PeerRolesContract}, serves IXFR, accepts UPDATE. */
class KnotPeerIT extends PeerRolesContract<KnotPeer> {

  @Override
  PeerBuilder<KnotPeer> builder() {
    return KnotPeer.builder();
  }

  @Override
  void afterIncrementalTransfer(KnotPeer primary, KnotPeer secondary) {
    assertThat(primary.log()).contains("IXFR, outgoing");
    assertThat(secondary.log()).contains("IXFR, incoming");
  }

  @Test
  void primaryAcceptsUpdateSignedWithItsKey() {
    TsigKey key = TsigKey.generate("harness-update");
    Path file = TestZones.write(tmp, ZONE, 1);
    try (KnotPeer peer = builder().primary(PrimaryZone.of(ZONE, file).allowUpdate(key)).start()) {
      String script =
          "server " + peer.endpoint().host() + " " + peer.endpoint().port() + "\n"
              + "zone " + ZONE + ".\n"
              + "update add new." + ZONE + ". 300 A 192.0.2.9\n"
              + "send\n";
      DigRunner.knsupdate(script, "-y", key.digArg()).requireOk();

      Message answer = DnsQuery.to(peer.endpoint()).send(DnsQuery.question("new." + ZONE, Type.A));
      assertThat(answer.getSection(Section.ANSWER)).hasSize(1);
      assertThat(peer.serial(ZONE)).isGreaterThan(1);
    }
  }
}
