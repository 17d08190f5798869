package org.tandemdns.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Allocates loopback ports that are free for both TCP and UDP at the time of the call.
 *
 * <p>The port is released before it is returned, so another process could take it in between;
 * the kernel hands out ephemeral ports round-robin, which makes that rare.
 */
public final class Ports {

  private static final int ATTEMPTS = 50;

  private Ports() {}

  /** A port on 127.0.0.1 that is currently free for both TCP and UDP. */
  public static int allocate() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(loopback, 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(null)) {
          udp.setReuseAddress(false);
          udp.bind(new InetSocketAddress(loopback, port));
          return port;
        } catch (IOException udpTaken) {
          // the UDP side is in use: try another port
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot bind a loopback TCP socket", e);
      }
    }
    throw new IllegalStateException("no port free for both TCP and UDP after " + ATTEMPTS + " attempts");
  }
}
