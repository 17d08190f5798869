package org.tandemdns.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Allocates loopback ports that are free for both TCP and UDP at the time of the call.
 *
 * <p>The port is released before it is returned, so another process could take it in between.
 * The kernel picks port-0 binds at random, so it can also hand the same port out twice before the
 * first caller's server binds it (seen in CI: a Tandem and a PowerDNS primary given one port, the
 * test then talking to PowerDNS as if it were Tandem); ports handed out by this JVM are therefore
 * never handed out again while they are recent.
 */
public final class Ports {

  private static final int ATTEMPTS = 50;
  private static final int REMEMBERED = 4096;
  private static final java.util.Set<Integer> handedOut = java.util.Collections.newSetFromMap(
      new java.util.LinkedHashMap<>(REMEMBERED * 2) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      });

  private Ports() {}

  /** A port on 127.0.0.1 that is currently free for both TCP and UDP. */
  public static synchronized int allocate() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(loopback, 0));
        int port = tcp.getLocalPort();
        if (handedOut.contains(port)) {
          continue; // given to another server of this JVM a moment ago
        }
        try (DatagramSocket udp = new DatagramSocket(null)) {
          udp.setReuseAddress(false);
          udp.bind(new InetSocketAddress(loopback, port));
          handedOut.add(port);
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
