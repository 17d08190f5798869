package org.tandemdns.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Name;

/**
 * A provider of type {@code rfc2136}: a server (BIND, Knot, PowerDNS, Windows DNS, ...) whose zone
 * is read with AXFR (RFC 5936) and written with dynamic UPDATE (RFC 2136), both signed with the
 * TSIG key {@code key} (RFC 8945) when one is named.
 *
 * @param name how zones refer to it
 * @param server the server's address, {@code HOST[:PORT]}
 * @param key name of a TSIG key under {@code keys:}, for AXFR and UPDATE
 * @param nameservers addresses queried to verify a push (default: {@code server})
 * @param timeout limit on each transfer and each UPDATE exchange (default 30s)
 * @param maxMessageBytes largest UPDATE message sent, in bytes (default and maximum 65535, the
 *     limit of a DNS message over TCP, RFC 1035 §4.2.2; at least 1024); bigger plans are split
 */
public record Rfc2136ProviderConfig(String name, HostPort server, Name key, List<HostPort> nameservers, Duration timeout,
    Integer maxMessageBytes) implements SyncProviderConfig {

  public Rfc2136ProviderConfig {
    SyncProviderConfig.checkName(name);
    if (server == null) {
      throw new IllegalArgumentException("provider " + name + ": an rfc2136 provider needs 'server' (HOST[:PORT])");
    }
    if (server.port() == 0) {
      throw new IllegalArgumentException("provider " + name + ": port 0 cannot be reached");
    }
    nameservers = nameservers == null || nameservers.isEmpty() ? List.of(server) : List.copyOf(nameservers);
    timeout = SyncProviderConfig.timeoutOrDefault(timeout);
    maxMessageBytes = maxMessageBytes == null ? 65535 : maxMessageBytes;
    if (maxMessageBytes < 1024 || maxMessageBytes > 65535) {
      throw new IllegalArgumentException("provider " + name + ": max-message-bytes must be from 1024 to 65535");
    }
  }

  @Override
  public String type() {
    return "rfc2136";
  }

  @Override
  public Rfc2136ProviderConfig resolvedAgainst(Path base) {
    return this;
  }

  @Override
  public Rfc2136ProviderConfig withSecretsRead(UnaryOperator<String> environment) {
    return this; // the TSIG secret lives under keys:
  }
}
