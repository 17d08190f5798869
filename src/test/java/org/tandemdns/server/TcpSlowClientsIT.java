package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Slowloris over DNS TCP (issue 13, item 2): clients that open many connections and trickle one byte
 * at a time held every TCP slot, since the idle timer restarts on any byte. Now one client gets at
 * most {@code max-tcp-connections-per-client}, and a message must be whole within
 * {@code tcp-message-timeout} however its bytes trickle in; other clients are answered throughout.
 * The slow client is 127.0.0.2, the well-behaved one 127.0.0.1 (both loopback).
 */
class TcpSlowClientsIT {
  static final int MAX_CONNECTIONS = 12;
  static final int PER_CLIENT = 4;
  @TempDir static Path dir;
  static TandemServer server;
  static InetSocketAddress at;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dir.resolve("slow.test.zone"), "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    Files.writeString(dir.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
          tcp-idle-timeout: 30s
          tcp-message-timeout: 3s
          max-tcp-connections: %d
          max-tcp-connections-per-client: %d
        zones:
          - {name: slow.test, file: slow.test.zone, notify-ns: false}
        """.formatted(MAX_CONNECTIONS, PER_CLIENT));
    server = TandemServer.start(new ConfigLoader().load(dir.resolve("tandem.yaml")));
    at = server.dnsAddresses().get(0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void slowClientsGetTheirShareOnlyAndLoseItAtTheMessageDeadline() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      // as many connections as the whole server takes, each sending the first byte of a length prefix
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        s.connect(at, 2000);
        s.setSoTimeout(100);
        s.getOutputStream().write(0);
        slow.add(s);
      }
      Thread.sleep(300);
      assertThat(slow.stream().filter(s -> !closedByServer(s)).count())
          .as("connections the server kept from the one slow client").isEqualTo(PER_CLIENT);

      // another client is answered over TCP while the slow one trickles
      assertThat(tcpQuery(101).getRcode()).isEqualTo(Rcode.NOERROR);

      // one byte every 300 ms keeps the idle timer (30 s) from firing, but not the message deadline (3 s)
      long until = System.nanoTime() + 8_000_000_000L;
      int stillOpen = PER_CLIENT;
      while (stillOpen > 0 && System.nanoTime() < until) {
        Thread.sleep(300);
        stillOpen = 0;
        for (Socket s : slow) {
          if (trickle(s)) {
            stillOpen++;
          }
        }
      }
      assertThat(stillOpen).as("slow connections still open 8 s after their message began").isZero();
      assertThat(tcpQuery(102).getRcode()).isEqualTo(Rcode.NOERROR);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  /** Sends one more byte; false once the server has closed the connection. */
  private static boolean trickle(Socket s) {
    if (s.isClosed() || closedByServer(s)) {
      return false;
    }
    try {
      OutputStream out = s.getOutputStream();
      out.write(0x20);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * True when the server closed (or reset) the connection: a read sees the end within 100 ms (the
   * twelve probes take well under the 3 s message deadline, which must not close any meanwhile).
   */
  private static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static Message tcpQuery(int id) throws Exception {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      s.connect(at, 2000);
      s.setSoTimeout(3000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      byte[] q = ServerNetworkIT.query(id, "ns1.slow.test.");
      out.writeShort(q.length);
      out.write(q);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] b = new byte[in.readUnsignedShort()];
      in.readFully(b);
      return new Message(b);
    }
  }
}
