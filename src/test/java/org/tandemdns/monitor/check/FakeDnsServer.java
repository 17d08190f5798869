package org.tandemdns.monitor.check;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tandemdns.dnsclient.ServerAddress;
import org.xbill.DNS.Message;

/**
 * A scripted DNS server on loopback for misbehaviour tests: UDP and TCP on one ephemeral port, each
 * query handed to a {@link Behaviour} that returns the messages to send (none: silence). Over TCP a
 * behaviour may also stream forever; the stream stops when the client closes or after 60 s.
 */
final class FakeDnsServer implements AutoCloseable {

  /** What the server does with one query. */
  interface Behaviour {
    /** Messages to send over UDP; empty for silence. */
    List<Message> udp(Message query);

    /** Messages to send over TCP, or null to stream {@link #next(Message, int)} until cut off. */
    List<Message> tcp(Message query);

    /** The n-th message of an endless TCP stream. */
    default Message next(Message query, int n) {
      throw new UnsupportedOperationException();
    }
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-dns");
    t.setDaemon(true);
    return t;
  });
  private final Behaviour behaviour;

  FakeDnsServer(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    InetAddress lo = InetAddress.getLoopbackAddress();
    ServerSocket s = null;
    DatagramSocket d = null;
    for (int attempt = 0; attempt < 20 && d == null; attempt++) {
      s = new ServerSocket(0, 50, lo);
      try {
        d = new DatagramSocket(new InetSocketAddress(lo, s.getLocalPort()));
      } catch (IOException busy) {
        s.close();
      }
    }
    if (d == null) {
      throw new IOException("no port free for both UDP and TCP");
    }
    this.tcp = s;
    this.udp = d;
    threads.submit(this::serveUdp);
    threads.submit(this::acceptTcp);
  }

  ServerAddress address() {
    return new ServerAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort());
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
        for (Message m : behaviour.udp(q)) {
          byte[] out = m.toWire();
          udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        // closed, or a bad packet: keep serving until closed
      }
    }
  }

  private void acceptTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket c = tcp.accept();
        threads.submit(() -> serveTcp(c));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serveTcp(Socket c) {
    try (c) {
      DataInputStream in = new DataInputStream(c.getInputStream());
      OutputStream out = c.getOutputStream();
      byte[] q = new byte[in.readUnsignedShort()];
      in.readFully(q);
      Message query = new Message(q);
      List<Message> answers = behaviour.tcp(query);
      if (answers != null) {
        for (Message m : answers) {
          write(out, m.toWire());
        }
        c.shutdownOutput();
        in.read(); // wait for the client to close
        return;
      }
      long end = System.nanoTime() + 60_000_000_000L;
      for (int n = 0; System.nanoTime() < end; n++) {
        write(out, behaviour.next(query, n).toWire());
      }
    } catch (IOException e) {
      // the client hung up: that is how an endless stream ends
    }
  }

  private static void write(OutputStream out, byte[] m) throws IOException {
    out.write(new byte[] {(byte) (m.length >>> 8), (byte) m.length});
    out.write(m);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
    threads.shutdownNow();
  }
}
