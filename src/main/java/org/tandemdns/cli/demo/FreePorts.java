package org.tandemdns.cli.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports free for both UDP and TCP right now (the demo needs them before starting servers). */
public final class FreePorts {
  private FreePorts() {}

  public static int next() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), loopback)) {
        return tcp.getLocalPort();
      } catch (IOException e) {
        // the UDP side was taken: try another
      }
    }
    throw new IOException("no free loopback port");
  }
}
