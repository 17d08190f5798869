package org.tandemdns.interop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A primary that misbehaves on request, on 127.0.0.1 (UDP for SOA queries, TCP for AXFR/IXFR),
 * written with dnsjava for {@link SecondaryBadPrimaryIT}. It serves one zone whose content is a
 * function of the serial ({@link #zone(long)}); every IXFR is answered AXFR-style (RFC 1995 §4
 * allows it). Responses to signed queries are signed, every message of a transfer included (RFC
 * 8945 §5.3.1), except where the {@link Behaviour} says otherwise.
 */
final class FakePrimary implements AutoCloseable {

  /** What the next transfers look like. */
  enum Behaviour {
    /** the zone, correctly */
    NORMAL,
    /** the zone, with records outside it mixed in */
    OUT_OF_ZONE,
    /** SOA queries are answered with a serial older than the zone's */
    OLDER_SERIAL_IN_SOA,
    /** an opening SOA, then records as fast as the socket takes them, never the closing SOA */
    ENDLESS,
    /** an opening SOA, then one small message every 100 ms, never the closing SOA */
    TRICKLE,
    /**
     * two good messages, then a length-prefixed message of the right ID and a QR-only flags word,
     * followed by random bytes
     */
    GARBAGE_MIDWAY,
    /**
     * the whole zone, but the second message has the TC flag set and is cut after half its bytes
     * (its length prefix matches the cut): a message a transfer must never contain (RFC 5936
     * §2.2.1: TC is 0 in AXFR responses)
     */
    TRUNCATED_MIDWAY,
    /** two good messages, then the connection is closed */
    CLOSE_MIDWAY,
    /** the whole zone, but the last message's TSIG MAC is corrupted */
    BAD_TSIG_ON_LAST,
    /** the whole zone, every message signed except the last */
    UNSIGNED_LAST
  }

  static final int RECORDS_PER_MESSAGE = 40;
  /** Records outside the zone that {@link Behaviour#OUT_OF_ZONE} mixes in. */
  static final List<String> OUTSIDE = List.of("evilfake.test.", "www.example.org.", "test.");

  private final Name origin;
  private final TsigKey key;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger soaQueries = new AtomicInteger();
  private final AtomicInteger transfers = new AtomicInteger();
  private volatile long serial;
  private volatile Behaviour behaviour = Behaviour.NORMAL;
  private volatile boolean closed;

  private FakePrimary(Name origin, TsigKey key, long serial, ServerSocket tcp, DatagramSocket udp) {
    this.origin = origin;
    this.key = key;
    this.serial = serial;
    this.tcp = tcp;
    this.udp = udp;
    start("fake-primary-udp", this::serveUdp);
    start("fake-primary-tcp", this::acceptTcp);
  }

  /** Starts serving {@code zone} at {@code serial}; responses to queries signed with {@code key} are signed. */
  static FakePrimary start(String zone, TsigKey key, long serial) {
    try {
      Name origin = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      for (int attempt = 0; attempt < 20; attempt++) {
        ServerSocket tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(loopback, 0));
        try {
          DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
          return new FakePrimary(origin, key, serial, tcp, udp);
        } catch (SocketException udpPortTaken) {
          tcp.close();
        }
      }
      throw new IllegalStateException("no loopback port free for both TCP and UDP");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake primary", e);
    }
  }

  Endpoint endpoint() {
    return Endpoint.loopback(tcp.getLocalPort());
  }

  /** From now on, serve the zone at {@code newSerial}, behaving as {@code how}. */
  void serve(long newSerial, Behaviour how) {
    this.serial = newSerial;
    this.behaviour = how;
  }

  long serial() {
    return serial;
  }

  int soaQueries() {
    return soaQueries.get();
  }

  /** AXFR and IXFR requests received so far. */
  int transfers() {
    return transfers.get();
  }

  /** The zone's records at {@code serial}, SOA first: the apex, a TXT naming the version, 150 more. */
  List<Record> zone(long version) {
    List<Record> records = new ArrayList<>();
    records.add(soa(version));
    records.add(new NSRecord(origin, DClass.IN, 300, name("ns1")));
    records.add(new ARecord(name("ns1"), DClass.IN, 300, address("127.0.0.1")));
    records.add(new TXTRecord(name("version"), DClass.IN, 300, "v" + version));
    for (int i = 1; i <= 150; i++) {
      records.add(new ARecord(name("h" + i), DClass.IN, 300, address("198.51.100." + (i % 250))));
    }
    return records;
  }

  /** {@link #zone(long)} in presentation format, as {@link Axfr#records} returns it. */
  Set<String> zoneText(long version) {
    Set<String> text = new java.util.HashSet<>();
    zone(version).forEach(r -> text.add(r.toString()));
    return text;
  }

  SOARecord soa(long version) {
    // REFRESH 1 h: refreshes come from NOTIFY and from RETRY (1 s) after a failure; EXPIRE 1 h
    return new SOARecord(origin, DClass.IN, 300, name("ns1"), name("hostmaster"), version, 3600, 1, 3600, 300);
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    synchronized (threads) {
      threads.add(t);
    }
    t.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        byte[] wire = Arrays.copyOf(buffer, packet.getLength());
        Message query = new Message(wire);
        if (query.getHeader().getOpcode() != Opcode.QUERY || query.getQuestion() == null) {
          continue;
        }
        Message response = reply(query);
        if (query.getQuestion().getType() == Type.SOA && query.getQuestion().getName().equals(origin)) {
          soaQueries.incrementAndGet();
          long answered = behaviour == Behaviour.OLDER_SERIAL_IN_SOA ? serial - 1 : serial;
          response.addRecord(soa(answered), Section.ANSWER);
        } else {
          response.getHeader().setRcode(Rcode.REFUSED);
        }
        sign(response, query.getTSIG());
        byte[] out = response.toWire(65535);
        udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        connections.add(s);
        start("fake-primary-conn", () -> serveConnection(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveConnection(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (!closed) {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        Message query = new Message(wire);
        int type = query.getQuestion().getType();
        if (type == Type.AXFR || type == Type.IXFR) {
          transfers.incrementAndGet();
          if (!transfer(query, out)) {
            return;
          }
        } else {
          Message response = reply(query);
          if (type == Type.SOA) {
            response.addRecord(soa(serial), Section.ANSWER);
          }
          sign(response, query.getTSIG());
          write(out, response.toWire(65535));
        }
      }
    } catch (EOFException | SocketException e) {
      // the secondary hung up
    } catch (IOException e) {
      // a broken connection ends this exchange
    } finally {
      connections.remove(s);
    }
  }

  /** Sends one transfer as {@link #behaviour} says; false when the connection must be closed. */
  private boolean transfer(Message query, DataOutputStream out) throws IOException {
    Behaviour how = behaviour;
    long version = serial;
    TSIG.StreamGenerator signer = key == null || query.getTSIG() == null ? null
        : new TSIG.StreamGenerator(key.toDnsjava(), query.getTSIG());
    if (how == Behaviour.ENDLESS || how == Behaviour.TRICKLE) {
      endless(query, out, signer, version, how == Behaviour.TRICKLE);
      return false;
    }
    List<Record> records = zone(version);
    if (how == Behaviour.OUT_OF_ZONE) {
      records.add(2, new ARecord(Name.fromString(OUTSIDE.get(0)), DClass.IN, 300, address("203.0.113.66")));
      records.add(60, new ARecord(Name.fromString(OUTSIDE.get(1)), DClass.IN, 300, address("203.0.113.67")));
      records.add(new NSRecord(Name.fromString(OUTSIDE.get(2)), DClass.IN, 300, Name.fromString("ns.evil.example.")));
    }
    records.add(soa(version));
    List<List<Record>> chunks = new ArrayList<>();
    for (int i = 0; i < records.size(); i += RECORDS_PER_MESSAGE) {
      chunks.add(records.subList(i, Math.min(records.size(), i + RECORDS_PER_MESSAGE)));
    }
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      if (i == 2 && how == Behaviour.CLOSE_MIDWAY) {
        return false;
      }
      if (i == 2 && how == Behaviour.GARBAGE_MIDWAY) {
        byte[] garbage = new byte[300];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) (query.getHeader().getID() >> 8);
        garbage[1] = (byte) query.getHeader().getID();
        garbage[2] = (byte) 0x84; // QR, AA: an answer, not truncated
        garbage[3] = 0;
        write(out, garbage);
        return false;
      }
      Message m = reply(query);
      chunks.get(i).forEach(r -> m.addRecord(r, Section.ANSWER));
      if (signer != null && !(last && how == Behaviour.UNSIGNED_LAST)) {
        signer.generate(m);
      }
      if (i == 1 && how == Behaviour.TRUNCATED_MIDWAY) {
        m.getHeader().setFlag(Flags.TC);
      }
      byte[] wire = m.toWire(65535);
      if (i == 1 && how == Behaviour.TRUNCATED_MIDWAY) {
        wire = Arrays.copyOf(wire, wire.length / 2);
      }
      if (last && how == Behaviour.BAD_TSIG_ON_LAST) {
        // the MAC ends 6 octets before the end: original ID, error, other length (0) follow it
        wire[wire.length - 7] ^= 0x5a;
      }
      write(out, wire);
    }
    return true;
  }

  private void endless(Message query, DataOutputStream out, TSIG.StreamGenerator signer, long version, boolean slow)
      throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L; // a safety net, far beyond any test's wait
    int n = 0;
    boolean first = true;
    while (!closed && System.nanoTime() < deadline) {
      Message m = reply(query);
      if (first) {
        m.addRecord(soa(version), Section.ANSWER);
        first = false;
      }
      int count = slow ? 5 : RECORDS_PER_MESSAGE;
      for (int i = 0; i < count; i++) {
        n++;
        m.addRecord(new ARecord(name("e" + n), DClass.IN, 300, address("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255))), Section.ANSWER);
      }
      if (signer != null) {
        signer.generate(m);
      }
      write(out, m.toWire(65535));
      if (slow) {
        sleep(100);
      }
    }
  }

  private Message reply(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    response.getHeader().setOpcode(query.getHeader().getOpcode());
    if (query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return response;
  }

  private void sign(Message response, TSIGRecord queryTsig) {
    if (key != null && queryTsig != null) {
      key.toDnsjava().apply(response, queryTsig);
    }
  }

  private static void write(DataOutputStream out, byte[] wire) throws IOException {
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
  }

  private Name name(String label) {
    return Name.fromConstantString(label + "." + origin);
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
