package org.tandemdns.dnsclient;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;

/**
 * Sends single queries over UDP or TCP and returns the matching response.
 *
 * <p>Responses whose ID or question does not match the query are ignored (RFC 5452 §9.1); every
 * wait is bounded by {@link QueryLimits}. Queries carry EDNS with a 1232-byte UDP payload size
 * (RFC 6891; the DNS flag day 2020 value) and no RD bit, as checks address authoritative servers.
 * Thread-safe: each query uses its own socket.
 */
public final class DnsClient {

  /** Largest UDP payload advertised. */
  public static final int UDP_PAYLOAD = 1232;

  /** A question for {@code name}/{@code type}, class IN, without RD. */
  public static Message question(Name name, int type, boolean recursionDesired) {
    Message m = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    if (!recursionDesired) {
      m.getHeader().unsetFlag(Flags.RD);
    }
    m.getHeader().setID(ThreadLocalRandom.current().nextInt(0x10000));
    m.addRecord(new OPTRecord(UDP_PAYLOAD, 0, 0), org.xbill.DNS.Section.ADDITIONAL);
    return m;
  }

  /**
   * Sends {@code query} to {@code server} and waits for the answer.
   *
   * @throws DnsTimeoutException if no answer came in time
   * @throws DnsClientException if the exchange failed otherwise (refused connection, malformed
   *     response)
   */
  public Response query(Message query, ServerAddress server, Transport transport, QueryLimits limits)
      throws DnsClientException {
    byte[] wire = query.toWire(Message.MAXLENGTH); // (with maxLength, so that a TSIG set on the query is applied)
    return exchange(query, wire, server, transport, limits);
  }

  /**
   * As {@link #query}, sending {@code wire}, the query already rendered (a TSIG-signed query is
   * rendered once, so that the MAC sent is the one the answer's TSIG covers).
   */
  public Response exchange(Message query, byte[] wire, ServerAddress server, Transport transport, QueryLimits limits)
      throws DnsClientException {
    return transport == Transport.UDP ? udp(query, wire, server, limits) : tcp(query, wire, server, limits);
  }

  private Response udp(Message query, byte[] wire, ServerAddress server, QueryLimits limits)
      throws DnsClientException {
    DnsClientException last = null;
    for (int attempt = 1; attempt <= limits.udpTries(); attempt++) {
      long start = System.nanoTime();
      Deadline deadline = Deadline.in(limits.timeout());
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.connect(server.socketAddress());
        socket.send(new DatagramPacket(wire, wire.length));
        byte[] buf = new byte[65535];
        while (true) {
          socket.setSoTimeout(deadline.socketTimeoutMillis());
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          Message m = parseOrNull(buf, p.getLength());
          if (m != null && matches(query, m)) {
            return new Response(m, p.getLength(), Duration.ofNanos(System.nanoTime() - start), Transport.UDP, attempt,
                java.util.Arrays.copyOf(buf, p.getLength()));
          }
        }
      } catch (SocketTimeoutException | DnsTimeoutException e) {
        last = new DnsTimeoutException("no answer over UDP after " + attempt + " tries of " + limits.timeout().toMillis() + " ms");
      } catch (java.net.PortUnreachableException e) {
        throw new DnsClientException("UDP port unreachable", e);
      } catch (IOException e) {
        throw new DnsClientException("UDP exchange failed: " + e.getMessage(), e);
      }
    }
    throw last;
  }

  /** Sends {@code wire} (the bytes of {@code query}) to {@code server} over TLS and reads the answer (RFC 7858). */
  public Response exchangeOverTls(Message query, byte[] wire, ServerAddress server, TlsClient tls, QueryLimits limits)
      throws DnsClientException {
    return tcp(query, wire, server, limits, tls);
  }

  private Response tcp(Message query, byte[] wire, ServerAddress server, QueryLimits limits)
      throws DnsClientException {
    return tcp(query, wire, server, limits, null);
  }

  private Response tcp(Message query, byte[] wire, ServerAddress server, QueryLimits limits, TlsClient tls)
      throws DnsClientException {
    long start = System.nanoTime();
    Deadline deadline = Deadline.in(limits.timeout());
    try (TcpStream s = TcpStream.connect(server, deadline, tls)) {
      s.send(wire);
      while (true) {
        byte[] b = s.receive(deadline);
        Message m = parseOrNull(b, b.length);
        if (m == null) {
          throw new DnsClientException("malformed response over TCP");
        }
        if (matches(query, m)) {
          return new Response(m, b.length, Duration.ofNanos(System.nanoTime() - start), Transport.TCP, 1, b);
        }
      }
    } catch (DnsTimeoutException e) {
      throw new DnsTimeoutException("no answer over " + (tls == null ? "TCP" : "TLS") + " within " + limits.timeout().toMillis() + " ms");
    }
  }

  private static Message parseOrNull(byte[] buf, int length) {
    try {
      return new Message(java.util.Arrays.copyOf(buf, length));
    } catch (IOException e) {
      return null;
    }
  }

  static boolean matches(Message query, Message response) {
    if (response.getHeader().getID() != query.getHeader().getID()
        || !response.getHeader().getFlag(Flags.QR)
        || response.getHeader().getOpcode() != Opcode.QUERY) {
      return false;
    }
    Record q = query.getQuestion();
    Record r = response.getQuestion();
    // A response without a question (some FORMERR/NOTIMP) is accepted: nothing to mismatch.
    return r == null
        || (r.getName().equals(q.getName()) && r.getType() == q.getType() && r.getDClass() == q.getDClass());
  }
}
