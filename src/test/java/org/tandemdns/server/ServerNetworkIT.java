package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.ServerConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A real Tandem on loopback, queried over UDP and TCP (RFC 1035 §4.2, RFC 7766). */
class ServerNetworkIT {
  @TempDir static Path dir;
  static TandemServer server;
  static InetSocketAddress v4;
  static InetSocketAddress v6;

  @BeforeAll
  static void start() throws Exception {
    Path zone = dir.resolve("net.test.zone");
    Files.writeString(zone, "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\nwww A 192.0.2.80\n");
    ServerConfig s = new ServerConfig(List.of(HostPort.parse("127.0.0.1:0", 53), HostPort.parse("[::1]:0", 53)),
        dir.resolve("data"), 2, Duration.ofSeconds(1), 3, null, null, null, null, null, null, null);
    server = TandemServer.start(new TandemConfig(s, null, List.of(ZoneConfig.primary(Name.fromConstantString("net.test."), zone))));
    v4 = server.dnsAddresses().get(0);
    v6 = server.dnsAddresses().get(1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] query(int id, String name) {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
    q.getHeader().setID(id);
    return q.toWire();
  }

  static Message udp(InetSocketAddress to, byte[] wire) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(2000);
      s.send(new DatagramPacket(wire, wire.length, to));
      DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
      s.receive(p);
      return new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
    }
  }

  static void writeFrame(DataOutputStream out, byte[] wire) throws Exception {
    out.writeShort(wire.length);
    out.write(wire);
  }

  static Message readFrame(DataInputStream in) throws Exception {
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return new Message(b);
  }

  @Test
  void answersOverUdpOnIpv4AndIpv6() throws Exception {
    for (InetSocketAddress a : List.of(v4, v6)) {
      Message r = udp(a, query(7, "www.net.test."));
      assertThat(r.getHeader().getID()).isEqualTo(7);
      assertThat(r.getSection(Section.ANSWER)).singleElement().hasToString("www.net.test.\t\t60\tIN\tA\t192.0.2.80");
    }
  }

  /** Issue 15, 1-2: with SO_REUSEPORT a second server on the same port used to start and share the traffic. */
  @Test
  void aSecondServerOnATakenPortDoesNotStartAndSaysWhichAddress() throws Exception {
    String taken = "127.0.0.1:" + v4.getPort();
    ServerConfig s = new ServerConfig(List.of(HostPort.parse(taken, 53)), dir.resolve("data2"), 2, Duration.ofSeconds(1), 3,
        null, null, null, null, null, null, null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TandemServer.start(new TandemConfig(s, null, List.of())).close())
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("cannot listen on " + taken + ": UDP port in use by " + thisProcess());
    assertThat(udp(v4, query(8, "www.net.test.")).getRcode()).as("the first server still answers").isEqualTo(Rcode.NOERROR);
  }

  @Test
  void aPortAnotherProgramHoldsWithReuseportIsRefused() throws Exception {
    try (java.nio.channels.DatagramChannel other = java.nio.channels.DatagramChannel.open()) {
      other.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
      other.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
      ServerConfig s = new ServerConfig(List.of(HostPort.parse("127.0.0.1:" + port, 53)), dir.resolve("data3"), 2,
          Duration.ofSeconds(1), 3, null, null, null, null, null, null, null);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> TandemServer.start(new TandemConfig(s, null, List.of())).close())
          .hasMessage("cannot listen on 127.0.0.1:" + port + ": UDP port in use by " + thisProcess()
              + "; stop it or choose another address in server.listen");
    }
  }

  /** How /proc names this JVM, as the holder of a port: "java (pid 4242)". */
  private static String thisProcess() throws java.io.IOException {
    return Files.readString(Path.of("/proc/self/comm")).strip() + " (pid " + ProcessHandle.current().pid() + ")";
  }

  @Test
  void answersPipelinedTcpQueriesInOrder() throws Exception {
    try (Socket s = new Socket(v4.getAddress(), v4.getPort())) {
      s.setSoTimeout(3000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      ByteArrayFrames frames = new ByteArrayFrames();
      for (int id = 1; id <= 50; id++) {
        frames.add(query(id, id % 2 == 0 ? "www.net.test." : "nope.net.test."));
      }
      out.write(frames.bytes());
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int id = 1; id <= 50; id++) {
        Message r = readFrame(in);
        assertThat(r.getHeader().getID()).isEqualTo(id);
        assertThat(r.getRcode()).isEqualTo(id % 2 == 0 ? Rcode.NOERROR : Rcode.NXDOMAIN);
      }
    }
  }

  /** RFC 1035 §4.2.2: a TCP message may be 65,535 bytes; the largest ones reset the connection before. */
  @Test
  void answersTcpQueriesOfTheLargestSizes() throws Exception {
    for (int size : new int[] {65533, 65534, 65535}) {
      try (Socket s = new Socket(v4.getAddress(), v4.getPort())) {
        s.setSoTimeout(3000);
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("www.net.test."), Type.A, DClass.IN));
        q.getHeader().setID(size & 0xFFFF);
        int padding = size - q.toWire().length - 11 - 4; // the OPT record, then one option header
        q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new org.xbill.DNS.GenericEDNSOption(12, new byte[padding]))),
            Section.ADDITIONAL);
        byte[] wire = q.toWire();
        assertThat(wire).hasSize(size);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        writeFrame(out, wire);
        out.flush();
        Message r = readFrame(new DataInputStream(s.getInputStream()));
        assertThat(r.getHeader().getID()).isEqualTo(size & 0xFFFF);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      }
    }
  }

  @Test
  void keepsAnsweringAfterAFloodOfGarbage() throws Exception {
    Random random = new Random(42);
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < 2000; i++) {
        byte[] junk = new byte[random.nextInt(600)];
        random.nextBytes(junk);
        s.send(new DatagramPacket(junk, junk.length, v4));
      }
    }
    assertThat(udp(v4, query(99, "www.net.test.")).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void aBrokenFrameClosesOnlyItsOwnConnection() throws Exception {
    try (Socket good = new Socket(v4.getAddress(), v4.getPort()); Socket bad = new Socket(v4.getAddress(), v4.getPort())) {
      good.setSoTimeout(3000);
      bad.setSoTimeout(3000);
      DataOutputStream badOut = new DataOutputStream(bad.getOutputStream());
      writeFrame(badOut, new byte[] {1, 2, 3, 4, 5});
      badOut.flush();
      assertThat(bad.getInputStream().read()).isEqualTo(-1);

      DataOutputStream goodOut = new DataOutputStream(good.getOutputStream());
      writeFrame(goodOut, query(5, "www.net.test."));
      goodOut.flush();
      assertThat(readFrame(new DataInputStream(good.getInputStream())).getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket s = new Socket(v4.getAddress(), v4.getPort())) {
      s.setSoTimeout(5000);
      long start = System.nanoTime();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
    Socket[] open = new Socket[3];
    try {
      for (int i = 0; i < open.length; i++) {
        open[i] = new Socket(v4.getAddress(), v4.getPort());
        DataOutputStream out = new DataOutputStream(open[i].getOutputStream());
        writeFrame(out, query(i, "www.net.test."));
        out.flush();
        open[i].setSoTimeout(3000);
        readFrame(new DataInputStream(open[i].getInputStream()));
      }
      try (Socket extra = new Socket(v4.getAddress(), v4.getPort())) {
        extra.setSoTimeout(3000);
        boolean closed;
        try {
          DataOutputStream out = new DataOutputStream(extra.getOutputStream());
          writeFrame(out, query(9, "www.net.test."));
          out.flush();
          closed = readsEof(extra);
        } catch (java.net.SocketException e) {
          closed = true; // already closed by the server: the write failed (broken pipe / reset)
        }
        assertThat(closed).as("connection over the cap is closed without an answer").isTrue();
      }
    } finally {
      for (Socket s : open) {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  private static boolean readsEof(Socket s) throws Exception {
    try {
      return s.getInputStream().read() == -1;
    } catch (java.net.SocketException e) {
      return true; // reset by the server: closed as well
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Concatenates length-prefixed frames, to send many queries in one write. */
  static final class ByteArrayFrames {
    private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

    void add(byte[] wire) {
      buf.write(wire.length >> 8);
      buf.write(wire.length & 0xff);
      buf.writeBytes(wire);
    }

    byte[] bytes() {
      return buf.toByteArray();
    }
  }

}
