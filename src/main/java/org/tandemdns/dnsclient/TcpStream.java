package org.tandemdns.dnsclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * One TCP connection to a DNS server carrying length-prefixed messages (RFC 1035 §4.2.2), where
 * every read is bounded by a deadline, so a server that trickles bytes cannot hold it open longer.
 * Optionally inside TLS (RFC 7858, RFC 9103): TLS 1.3, ALPN {@code dot}, the handshake under the
 * same deadline.
 */
public final class TcpStream implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private long bytesRead;

  private TcpStream(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code server} before {@code deadline}. */
  public static TcpStream connect(ServerAddress server, Deadline deadline) throws DnsClientException {
    return connect(server, deadline, null);
  }

  /**
   * Connects to {@code server} before {@code deadline}, over TLS when {@code tls} is given: the
   * handshake must finish before the deadline too, and the server must agree to ALPN {@code dot}.
   */
  public static TcpStream connect(ServerAddress server, Deadline deadline, TlsClient tls) throws DnsClientException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(server.socketAddress(), deadline.socketTimeoutMillis());
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new DnsTimeoutException("TCP connect timed out");
    } catch (IOException e) {
      closeQuietly(s);
      throw new DnsClientException("TCP connect failed: " + e.getMessage(), e);
    }
    try {
      return new TcpStream(tls == null ? s : handshake(s, server, deadline, tls));
    } catch (IOException e) {
      closeQuietly(s);
      throw new DnsClientException("TCP connect failed: " + e.getMessage(), e);
    }
  }

  private static Socket handshake(Socket plain, ServerAddress server, Deadline deadline, TlsClient tls) throws DnsClientException {
    String peer = tls.serverName() != null ? tls.serverName() : server.address().getHostAddress();
    javax.net.ssl.SSLSocket s;
    try {
      s = (javax.net.ssl.SSLSocket) tls.context().getSocketFactory().createSocket(plain, peer, server.port(), true);
      javax.net.ssl.SSLParameters p = s.getSSLParameters();
      p.setProtocols(new String[] {"TLSv1.3"});
      p.setApplicationProtocols(new String[] {TlsClient.ALPN_DOT});
      if (tls.verifyName()) {
        p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name checks: DNS names, and IP addresses by iPAddress SAN
      }
      if (tls.serverName() != null) {
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName(tls.serverName())));
      }
      s.setSSLParameters(p);
      s.setSoTimeout(deadline.socketTimeoutMillis());
      s.startHandshake();
    } catch (SocketTimeoutException e) {
      closeQuietly(plain);
      throw new DnsTimeoutException("TLS handshake with " + server + " timed out");
    } catch (IOException e) {
      closeQuietly(plain);
      throw new DnsClientException("TLS handshake with " + server + " failed (" + tls.description() + "): " + tlsReason(e), e);
    }
    String alpn = s.getApplicationProtocol();
    if (!TlsClient.ALPN_DOT.equals(alpn)) {
      closeQuietly(s);
      throw new DnsClientException("TLS with " + server + ": the server did not agree to ALPN 'dot' (" + (alpn == null || alpn.isEmpty()
          ? "it chose none" : "it chose '" + alpn + "'") + "), which zone transfers over TLS require (RFC 9103 §7.1)");
    }
    return s;
  }

  /** The most telling message of a TLS failure: the root cause's (e.g. "NotAfter: ..." for an expired certificate). */
  private static String tlsReason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t instanceof java.security.cert.CertificateExpiredException) {
        return "the server's certificate has expired (" + t.getMessage() + ")";
      }
      if (t instanceof java.security.cert.CertificateNotYetValidException) {
        return "the server's certificate is not valid yet (" + t.getMessage() + ")";
      }
    }
    String top = e.getMessage();
    String root = t.getMessage();
    return root == null || root.equals(top) ? String.valueOf(top) : top + " (" + root + ")";
  }

  /** Sends one message. */
  public void send(byte[] message) throws DnsClientException {
    try {
      byte[] framed = new byte[message.length + 2];
      framed[0] = (byte) (message.length >>> 8);
      framed[1] = (byte) message.length;
      System.arraycopy(message, 0, framed, 2, message.length);
      out.write(framed);
      out.flush();
    } catch (IOException e) {
      throw new DnsClientException("TCP send failed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads one message, or throws if the deadline passes first or the peer closes.
   *
   * @throws DnsTimeoutException if the deadline passes
   */
  public byte[] receive(Deadline deadline) throws DnsClientException {
    byte[] len = readFully(2, deadline);
    int length = ((len[0] & 0xff) << 8) | (len[1] & 0xff);
    if (length < 12) {
      throw new DnsClientException("TCP message of " + length + " bytes is shorter than a DNS header");
    }
    return readFully(length, deadline);
  }

  /** Bytes read so far, length prefixes included. */
  public long bytesRead() {
    return bytesRead;
  }

  private byte[] readFully(int n, Deadline deadline) throws DnsClientException {
    byte[] buf = new byte[n];
    int at = 0;
    try {
      while (at < n) {
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        int r = in.read(buf, at, n - at);
        if (r < 0) {
          throw new DnsClientException(
              at == 0 && n == 2 ? "connection closed by server" : "connection closed in mid-message");
        }
        at += r;
        bytesRead += r;
      }
      return buf;
    } catch (SocketTimeoutException e) {
      throw new DnsTimeoutException("TCP read timed out");
    } catch (IOException e) {
      throw new DnsClientException("TCP read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing after a failure: nothing more to report
    }
  }
}
