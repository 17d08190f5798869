package org.tandemdns.dnsclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One TCP connection to a DNS server carrying length-prefixed messages (RFC 1035 §4.2.2), where
 * every read is bounded by a deadline, so a server that trickles bytes cannot hold it open longer.
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
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(server.socketAddress(), deadline.socketTimeoutMillis());
      return new TcpStream(s);
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new DnsTimeoutException("TCP connect timed out");
    } catch (IOException e) {
      closeQuietly(s);
      throw new DnsClientException("TCP connect failed: " + e.getMessage(), e);
    }
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
