package org.tandemdns.testing;

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
}
