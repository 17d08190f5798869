package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void allocatedPortCanBeBoundForTcpAndUdp() {
    int port = Ports.allocate();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    assertThatCode(
            () -> {
              try (ServerSocket tcp = new ServerSocket();
                  DatagramSocket udp = new DatagramSocket(null)) {
                tcp.bind(new InetSocketAddress(loopback, port));
                udp.bind(new InetSocketAddress(loopback, port));
              }
            })
        .doesNotThrowAnyException();
  }

  @Test
  void portsGivenOutByThisJvmAreNotGivenOutAgain() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 300; i++) {
      assertThat(seen.add(Ports.allocate())).as("allocation %d repeats a port", i).isTrue();
    }
  }
}
