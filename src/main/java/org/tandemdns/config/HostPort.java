package org.tandemdns.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * An address with a port, written {@code HOST:PORT}, {@code [IPV6]:PORT}, or without the port
 * ({@code HOST}, {@code IPV6}, {@code [IPV6]}) for the default port. Hosts are IP literals: a DNS
 * server must not depend on DNS to find its own sockets.
 */
public record HostPort(InetAddress address, int port) {
  public static final int DNS_PORT = 53;

  public HostPort {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
  }

  /** Parses {@code text}, using {@code defaultPort} when none is given. */
  public static HostPort parse(String text, int defaultPort) {
    String s = text.trim();
    String host;
    int port = defaultPort;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': missing ']' after the IPv6 address");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
        }
        port = parsePort(rest.substring(1), text);
      }
    } else if (s.indexOf(':') != s.lastIndexOf(':')) {
      host = s; // bare IPv6 literal, no port
    } else if (s.indexOf(':') >= 0) {
      host = s.substring(0, s.indexOf(':'));
      port = parsePort(s.substring(s.indexOf(':') + 1), text);
    } else {
      host = s;
    }
    return new HostPort(literal(host, text), port);
  }

  private static int parsePort(String p, String text) {
    try {
      int port = Integer.parseInt(p);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': port '" + p + "' is not a number from 0 to 65535");
    }
  }

  private static InetAddress literal(String host, String text) {
    boolean looksLikeIp = !host.isEmpty() && (host.indexOf(':') >= 0 || host.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    if (!looksLikeIp) {
      throw new IllegalArgumentException("'" + text + "': '" + host + "' is not an IP address (write HOST:PORT with an IPv4 or [IPv6] address)");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "': '" + host + "' is not a valid IP address");
    }
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(address, port);
  }

  @Override
  public String toString() {
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
