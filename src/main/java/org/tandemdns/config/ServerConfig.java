package org.tandemdns.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code server:} section.
 *
 * @param listen addresses for DNS over UDP and TCP ({@code HOST:PORT}; default 127.0.0.1:5300)
 * @param dataDir where Tandem keeps its state (default {@code ./tandem-data})
 * @param ioThreads network threads (default: one per core)
 * @param tcpIdleTimeout idle TCP connections are closed after this (default 10s)
 * @param maxTcpConnections cap on concurrent TCP connections (default 1000)
 * @param maxTransfersOut cap on concurrent outbound zone transfers (default 32)
 * @param maxTransfersIn cap on concurrent refreshes of secondary zones (default 8)
 * @param dnssecExpiryWarning warn when a served zone's earliest RRSIG expires within this (default 3d)
 * @param tcpMessageTimeout a TCP message begun must arrive whole within this, however slowly its bytes
 *     trickle in (default 2s; the idle timeout alone restarts on every byte)
 * @param maxTcpConnectionsPerClient cap on concurrent TCP connections from one IPv4 address or IPv6
 *     /64 (default 64), so that one client cannot take every slot of {@code maxTcpConnections}
 * @param cookieSecret the DNS Cookies server secret (RFC 9018), 32 hex digits, the same on every
 *     server of an anycast set; null for a random one made at each start
 * @param rateLimit response rate limiting over UDP (off unless responses-per-second is set)
 */
public record ServerConfig(
    List<HostPort> listen, Path dataDir, Integer ioThreads, Duration tcpIdleTimeout, Integer maxTcpConnections,
    Integer maxTransfersOut, Integer maxTransfersIn, Duration dnssecExpiryWarning,
    Duration tcpMessageTimeout, Integer maxTcpConnectionsPerClient, String cookieSecret,
    RateLimitConfig rateLimit) {
  public static final HostPort DEFAULT_LISTEN = HostPort.parse("127.0.0.1:5300", 5300);

  public ServerConfig {
    listen = listen == null || listen.isEmpty() ? List.of(DEFAULT_LISTEN) : List.copyOf(listen);
    dataDir = dataDir == null ? Path.of("tandem-data") : dataDir;
    ioThreads = ioThreads == null ? Runtime.getRuntime().availableProcessors() : ioThreads;
    tcpIdleTimeout = tcpIdleTimeout == null ? Duration.ofSeconds(10) : tcpIdleTimeout;
    maxTcpConnections = maxTcpConnections == null ? 1000 : maxTcpConnections;
    maxTransfersOut = maxTransfersOut == null ? 32 : maxTransfersOut;
    maxTransfersIn = maxTransfersIn == null ? 8 : maxTransfersIn;
    dnssecExpiryWarning = dnssecExpiryWarning == null ? Duration.ofDays(3) : dnssecExpiryWarning;
    tcpMessageTimeout = tcpMessageTimeout == null ? Duration.ofSeconds(2) : tcpMessageTimeout;
    maxTcpConnectionsPerClient = maxTcpConnectionsPerClient == null ? 64 : maxTcpConnectionsPerClient;
    rateLimit = rateLimit == null ? RateLimitConfig.off() : rateLimit;
    if (cookieSecret != null && !cookieSecret.matches("[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("cookie-secret must be 32 hex digits (16 bytes; e.g. from `openssl rand -hex 16`)");
    }
    if (tcpMessageTimeout.isZero() || tcpMessageTimeout.isNegative()) {
      throw new IllegalArgumentException("tcp-message-timeout must be positive");
    }
    if (maxTcpConnectionsPerClient < 1) {
      throw new IllegalArgumentException("max-tcp-connections-per-client must be at least 1");
    }
    if (dnssecExpiryWarning.isNegative()) {
      throw new IllegalArgumentException("dnssec-expiry-warning must not be negative");
    }
    if (maxTransfersIn < 1) {
      throw new IllegalArgumentException("max-transfers-in must be at least 1");
    }
    if (maxTransfersOut < 1) {
      throw new IllegalArgumentException("max-transfers-out must be at least 1");
    }
    if (ioThreads < 1 || ioThreads > 256) {
      throw new IllegalArgumentException("io-threads must be from 1 to 256");
    }
    if (maxTcpConnections < 1) {
      throw new IllegalArgumentException("max-tcp-connections must be at least 1");
    }
    if (tcpIdleTimeout.isZero() || tcpIdleTimeout.isNegative()) {
      throw new IllegalArgumentException("tcp-idle-timeout must be positive");
    }
  }

  /** This configuration with other listen addresses. */
  public ServerConfig withListen(List<HostPort> addresses) {
    return new ServerConfig(addresses, dataDir, ioThreads, tcpIdleTimeout, maxTcpConnections, maxTransfersOut, maxTransfersIn, dnssecExpiryWarning,
        tcpMessageTimeout, maxTcpConnectionsPerClient, cookieSecret, rateLimit);
  }

  /** This configuration with another data directory. */
  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(listen, dir, ioThreads, tcpIdleTimeout, maxTcpConnections, maxTransfersOut, maxTransfersIn, dnssecExpiryWarning,
        tcpMessageTimeout, maxTcpConnectionsPerClient, cookieSecret, rateLimit);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  ServerConfig resolvedAgainst(Path base) {
    return base == null || dataDir.isAbsolute() ? this : withDataDir(base.resolve(dataDir));
  }
}
