package org.tandemdns.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Sends one DNS message to a server over UDP or TCP (RFC 1035 §4.2, 2-byte length prefix on TCP)
 * and returns the response, parsed or raw. Every exchange has a timeout.
 *
 * <pre>{@code
 * Message r = DnsQuery.to(peer.endpoint()).tcp().send(DnsQuery.question("example.com", Type.SOA));
 * }</pre>
 */
public final class DnsQuery {

  /** Timeout of one exchange unless {@link #timeout(Duration)} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final Endpoint server;
  private final boolean tcp;
  private final Duration timeout;
  private final TsigKey key;

  private DnsQuery(Endpoint server, boolean tcp, Duration timeout, TsigKey key) {
    this.server = server;
    this.tcp = tcp;
    this.timeout = timeout;
    this.key = key;
  }

  /** A UDP exchange with {@code server}, default timeout, unsigned. */
  public static DnsQuery to(Endpoint server) {
    return new DnsQuery(server, false, DEFAULT_TIMEOUT, null);
  }

  public DnsQuery tcp() {
    return new DnsQuery(server, true, timeout, key);
  }

  public DnsQuery udp() {
    return new DnsQuery(server, false, timeout, key);
  }

  public DnsQuery timeout(Duration value) {
    return new DnsQuery(server, tcp, value, key);
  }

  /** Signs the query with {@code tsigKey} and verifies the response (see {@link Message#isVerified()}). */
  public DnsQuery tsig(TsigKey tsigKey) {
    return new DnsQuery(server, tcp, timeout, tsigKey);
  }

  /** A query for {@code name}/{@code type} in class IN with a random ID and RD clear. */
  public static Message question(String name, int type) {
    Message query = Message.newQuery(Record.newRecord(Names.absolute(name), type, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    return query;
  }

  /** Sends {@code query} and parses the response; throws {@link UncheckedIOException} on timeout. */
  public Message send(Message query) {
    TSIG tsig = key == null ? null : key.toDnsjava();
    if (tsig != null) {
      query.setTSIG(tsig);
    }
    byte[] wire = query.toWire(Message.MAXLENGTH);
    byte[] answer = sendRaw(wire);
    try {
      Message response = new Message(answer);
      if (tsig != null) {
        // the signed query's TSIG record (its MAC) is input to the response's MAC (RFC 8945 §5.3)
        tsig.verify(response, answer, new Message(wire).getTSIG());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException("unparseable response from " + server, e);
    }
  }

  /** Sends raw wire bytes and returns the raw response with the same message ID. */
  public byte[] sendRaw(byte[] query) {
    try {
      return tcp ? exchangeTcp(query) : exchangeUdp(query);
    } catch (IOException e) {
      String how = tcp ? "TCP" : "UDP";
      throw new UncheckedIOException(how + " query to " + server + " failed: " + e.getMessage(), e);
    }
  }

  /** The serial of {@code zone} if the server answers its SOA authoritatively, else -1. */
  public long soaSerial(String zone) {
    try {
      Message response = send(question(zone, Type.SOA));
      if (response.getRcode() != Rcode.NOERROR || !response.getHeader().getFlag(Flags.AA)) {
        return -1;
      }
      for (Record r : response.getSection(Section.ANSWER)) {
        if (r instanceof org.xbill.DNS.SOARecord soa && soa.getName().equals(Names.absolute(zone))) {
          return soa.getSerial();
        }
      }
      return -1;
    } catch (UncheckedIOException e) {
      return -1;
    }
  }

  private byte[] exchangeUdp(byte[] query) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server.socketAddress());
      socket.send(new DatagramPacket(query, query.length));
      byte[] buffer = new byte[65535];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
        }
        socket.setSoTimeout((int) left);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        if (packet.getLength() >= 2 && buffer[0] == query[0] && buffer[1] == query[1]) {
          return Arrays.copyOf(buffer, packet.getLength());
        }
      }
    }
  }

  private byte[] exchangeTcp(byte[] query) throws IOException {
    try (Socket socket = new Socket()) {
      int millis = (int) Math.max(1, timeout.toMillis());
      socket.connect(server.socketAddress(), millis);
      socket.setSoTimeout(millis);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      return answer;
    }
  }
}
