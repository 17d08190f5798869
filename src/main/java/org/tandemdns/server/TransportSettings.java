package org.tandemdns.server;

import java.time.Duration;

/**
 * Limits of the network transports.
 *
 * @param ioThreads event-loop threads; with epoll each gets its own SO_REUSEPORT UDP socket
 * @param tcpIdleTimeout a TCP connection with no complete query for this long is closed (RFC 7766 §6.2.3)
 * @param maxTcpConnections connections beyond this are closed at once (RFC 7766 §6.2.2)
 * @param tcpMessageTimeout a TCP message begun and not whole this long after closes its connection
 * @param maxTcpConnectionsPerClient connections from one IPv4 address or IPv6 /64 beyond this are closed at once
 * @param rateLimit response rate limiting over UDP
 */
public record TransportSettings(int ioThreads, Duration tcpIdleTimeout, int maxTcpConnections, Duration tcpMessageTimeout,
    int maxTcpConnectionsPerClient, org.tandemdns.config.RateLimitConfig rateLimit) {
  public TransportSettings {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1");
    }
    if (tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
      throw new IllegalArgumentException("tcpIdleTimeout must be positive");
    }
    if (maxTcpConnections < 1) {
      throw new IllegalArgumentException("maxTcpConnections must be at least 1");
    }
    if (tcpMessageTimeout.isNegative() || tcpMessageTimeout.isZero()) {
      throw new IllegalArgumentException("tcpMessageTimeout must be positive");
    }
    if (maxTcpConnectionsPerClient < 1) {
      throw new IllegalArgumentException("maxTcpConnectionsPerClient must be at least 1");
    }
  }

  /** One I/O thread per core, 10 s TCP idle timeout, 1000 TCP connections, 64 per client, 2 s per message. */
  public static TransportSettings defaults() {
    return new TransportSettings(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10), 1000, Duration.ofSeconds(2),
        64, org.tandemdns.config.RateLimitConfig.off());
  }
}
