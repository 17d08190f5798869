package org.tandemdns.monitor.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where a DNS server listens: an IP address and a port.
 *
 * <p>Written {@code HOST:PORT} or {@code HOST} (port 53); IPv6 as {@code [::1]:5300} or bare
 * {@code ::1}. HOST is an IP address literal; host names are resolved once, when parsed.
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
   * @throws IllegalArgumentException if it is not an address, or names a host that does not
   *     resolve
   */
  public static ServerAddress parse(String text, int defaultPort) {
    String t = text.strip();
    String host;
    int port = defaultPort;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in address: " + text);
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("expected ':PORT' after ']' in address: " + text);
        }
        port = parsePort(rest.substring(1), text);
      }
    } else if (t.indexOf(':') != t.lastIndexOf(':')) {
      host = t; // bare IPv6
    } else if (t.indexOf(':') >= 0) {
      host = t.substring(0, t.indexOf(':'));
      port = parsePort(t.substring(t.indexOf(':') + 1), text);
    } else {
      host = t;
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("missing host in address: " + text);
    }
    try {
      return new ServerAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host in address: " + text, e);
    }
  }

  private static int parsePort(String p, String text) {
    try {
      int port = Integer.parseInt(p);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range in address: " + text);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in address: " + text, e);
    }
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
