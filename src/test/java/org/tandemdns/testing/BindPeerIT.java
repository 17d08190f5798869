package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The harness's BindPeer plays every role of {@link PeerRolesContract}, serves IXFR, accepts UPDATE. */
class BindPeerIT extends PeerRolesContract<BindPeer> {

  @Override
  PeerBuilder<BindPeer> builder() {
    return BindPeer.builder();
  }

  @Override
  void afterIncrementalTransfer(BindPeer primary, BindPeer secondary) {
    assertThat(primary.log()).contains("IXFR started");
  }

  @Test
  void primaryAcceptsUpdateSignedWithItsKey() {
    TsigKey key = TsigKey.generate("harness-update");
    Path file = TestZones.write(tmp, ZONE, 1);
    try (BindPeer peer = builder().primary(PrimaryZone.of(ZONE, file).allowUpdate(key)).start()) {
      String script =
          "server " + peer.endpoint().host() + " " + peer.endpoint().port() + "\n"
              + "zone " + ZONE + ".\n"
              + "update add new." + ZONE + ". 300 A 192.0.2.9\n"
              + "send\n";
      DigRunner.nsupdate(script, "-y", key.digArg()).requireOk();

      Message answer = DnsQuery.to(peer.endpoint()).send(DnsQuery.question("new." + ZONE, Type.A));
      assertThat(answer.getSection(Section.ANSWER)).hasSize(1);
      assertThat(peer.serial(ZONE)).isGreaterThan(1);
    }
  }
}
