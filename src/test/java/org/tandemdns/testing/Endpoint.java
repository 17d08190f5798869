package org.tandemdns.testing;

import java.net.InetSocketAddress;
import java.util.List;

/** A host (IP literal) and port, rendered for each tool's syntax. */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** 127.0.0.1 at the given port. */
  public static Endpoint loopback(int port) {
    return new Endpoint("127.0.0.1", port);
  }

  /** 127.0.0.1 on a freshly allocated free port (see {@link Ports#allocate()}). */
  public static Endpoint freeLoopback() {
    return loopback(Ports.allocate());
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  /** {@code host@port}, as Knot and NSD write it. */
  public String at() {
    return host + "@" + port;
  }

  /** {@code @host -p port}, the server arguments of dig and kdig. */
  public List<String> digArgs() {
    return List.of("@" + host, "-p", Integer.toString(port));
  }

  /** {@code host:port} ({@code [host]:port} for IPv6), as Tandem and PowerDNS write it. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
