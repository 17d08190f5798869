package org.tandemdns.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One provider under {@code sync.providers}: a DNS service Tandem reads a zone from or pushes a zone
 * to, by its {@code type}: {@code rfc2136} (any server taking RFC 2136 dynamic update, read by AXFR),
 * {@code powerdns} (the PowerDNS Authoritative HTTP API), {@code tandem} (another Tandem's HTTP API) or
 * {@code route53} (Amazon Route 53).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Rfc2136ProviderConfig.class, name = "rfc2136"),
  @JsonSubTypes.Type(value = PowerDnsProviderConfig.class, name = "powerdns"),
  @JsonSubTypes.Type(value = TandemProviderConfig.class, name = "tandem"),
  @JsonSubTypes.Type(value = Route53ProviderConfig.class, name = "route53")
})
public sealed interface SyncProviderConfig permits Rfc2136ProviderConfig, PowerDnsProviderConfig, TandemProviderConfig,
    Route53ProviderConfig {
  /** The provider types, as written in {@code type:}. */
  List<String> TYPES = List.of("rfc2136", "powerdns", "tandem", "route53");

  /** How zones and push targets refer to this provider. */
  String name();

  /** The {@code type:} of this provider. */
  String type();

  /** Addresses of the nameservers that serve what this provider holds, queried to verify a push. */
  List<HostPort> nameservers();

  /** Limit on each exchange with the provider (default 30s). */
  Duration timeout();

  /** This provider with relative secret files resolved against {@code base}. */
  SyncProviderConfig resolvedAgainst(Path base);

  /** This provider with its credentials read from files or the environment. */
  SyncProviderConfig withSecretsRead(UnaryOperator<String> environment);

  static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a provider needs a 'name'");
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("provider name '" + name + "' may only hold letters, digits, '.', '_' and '-'");
    }
  }

  static Duration timeoutOrDefault(Duration timeout) {
    Duration t = timeout == null ? Duration.ofSeconds(30) : timeout;
    if (t.isZero() || t.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return t;
  }
}
