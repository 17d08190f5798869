package org.tandemdns.dnsclient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.tandemdns.config.HostPort;

/**
 * Where a DNS server listens: an IP address and a port.
 *
 * <p>Written {@code HOST:PORT} or {@code HOST} (port 53); IPv6 as {@code [::1]:5300} or bare
 * {@code ::1}. HOST is an IP address literal, as everywhere in Tandem ({@link HostPort}).
 *
 * @param address the IP address
 * @param port the UDP/TCP port
 */
public record ServerAddress(InetAddress address, int port) {

  /** The DNS port (RFC 1035 §4.2). */
  public static final int DNS_PORT = 53;

  public ServerAddress {
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Parses {@code text} with port 53 as the default. */
  public static ServerAddress parse(String text) {
    return parse(text, DNS_PORT);
  }

  /**
   * Parses {@code text}, using {@code defaultPort} when it names none.
   *
   * @throws IllegalArgumentException if it is not an IP address with an optional port
   */
  public static ServerAddress parse(String text, int defaultPort) {
    HostPort hp = HostPort.parse(text, defaultPort);
    if (hp.port() == 0) {
      throw new IllegalArgumentException("'" + text + "': port 0 cannot be queried");
    }
    return new ServerAddress(hp.address(), hp.port());
  }

  /** The same address as a config {@link HostPort}. */
  public static ServerAddress of(HostPort hp) {
    return new ServerAddress(hp.address(), hp.port());
  }

  /** The socket address. */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** True for an IPv6 address. */
  public boolean isIpv6() {
    return address instanceof java.net.Inet6Address;
  }

  /** The canonical text: {@code 192.0.2.1:53}, {@code [2001:db8::1]:53}. */
  @Override
  public String toString() {
    String host = address.getHostAddress();
    int pct = host.indexOf('%');
    if (pct >= 0) {
      host = host.substring(0, pct);
    }
    if (isIpv6()) {
      host = "[" + compressIpv6(host) + "]";
    }
    return host + ":" + port;
  }

  private static String compressIpv6(String full) {
    // InetAddress prints 0:0:0:0:0:0:0:1; show the shortest form (RFC 5952 §4.2.2-4.2.3).
    String[] parts = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < parts.length; ) {
      if (parts[i].equals("0")) {
        int j = i;
        while (j < parts.length && parts[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
    return head + "::" + tail;
  }
}
