package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15, item 1: the message for a taken port names who holds it, read from /proc. */
class PortHolderTest {

  @Test
  void decodesProcNetAddressesWrittenInHostOrder() throws Exception {
    assertThat(PortHolder.decode("0100007F")).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(PortHolder.decode("00000000000000000000000001000000")).isEqualTo(InetAddress.getByName("::1"));
    assertThat(PortHolder.decode("0000000000000000FFFF00000100007F")).isEqualTo(InetAddress.getByName("::ffff:127.0.0.1"));
  }

  @Test
  void findsTheSocketsOnThePortBoundToTheAddressOrTheWildcardAndOnlyListeningTcp() {
    List<String> table = List.of(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 0100007F:14C8 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1111 2 0",
        "   1: 00000000:14C8 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2222 2 0",
        "   2: 0200007F:14C8 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 3333 2 0",
        "   3: 0100007F:14C9 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4444 2 0");
    assertThat(PortHolder.socketsOn(table, new InetSocketAddress("127.0.0.1", 5320), true)).containsExactlyInAnyOrder("1111", "2222");
    List<String> tcp = List.of("header",
        "   0: 0100007F:14C8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5555 1 0",
        "   1: 0100007F:14C8 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 6666 1 0");
    assertThat(PortHolder.socketsOn(tcp, new InetSocketAddress("127.0.0.1", 5320), false)).containsExactly("5555");
  }

  @Test
  void namesThisProcessAsTheHolderOfItsOwnSockets() throws Exception {
    String me = Files.readString(Path.of("/proc/self/comm")).strip() + " (pid " + ProcessHandle.current().pid() + ")";
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(PortHolder.of((InetSocketAddress) udp.getLocalSocketAddress(), true)).contains(me);
      assertThat(PortHolder.of((InetSocketAddress) tcp.getLocalSocketAddress(), false)).contains(me);
    }
    assertThat(PortHolder.by(new InetSocketAddress("127.0.0.1", 1), true)).isEqualTo("by another process (another DNS server?)");
  }
}
