package org.tandemdns.sync.provider;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.PowerDnsProviderConfig;
import org.tandemdns.config.Rfc2136ProviderConfig;
import org.tandemdns.config.Route53ProviderConfig;
import org.tandemdns.config.SyncProviderConfig;
import org.tandemdns.config.TandemProviderConfig;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.security.TsigKey;
import org.xbill.DNS.Name;

/** Builds providers from their configuration. */
public final class Providers {
  private Providers() {}

  /**
   * The provider {@code config} describes; its credentials must have been read.
   *
   * @param keys TSIG keys by name (from {@code keys:})
   */
  public static Provider create(SyncProviderConfig config, Function<Name, Optional<TsigKey>> keys, Clock clock) {
    List<ServerAddress> nameservers = config.nameservers().stream().map(ServerAddress::of).toList();
    if (config instanceof Rfc2136ProviderConfig r) {
      Optional<TsigKey> key = Optional.empty();
      if (r.key() != null) {
        key = keys.apply(r.key());
        if (key.isEmpty()) {
          throw new IllegalArgumentException("provider " + r.name() + ": key " + r.key() + " is not defined under 'keys:'");
        }
      }
      return new Rfc2136Provider(r.name(), address(r.server()), key, nameservers, r.timeout(), r.maxMessageBytes(), clock);
    }
    if (config instanceof PowerDnsProviderConfig p) {
      return new PowerDnsProvider(p.name(), p.url(), p.serverId(), p.apiKey(), nameservers, p.timeout());
    }
    if (config instanceof Route53ProviderConfig r) {
      return new Route53Provider(r.name(), new Route53Api(r), r.privateZone(), nameservers, r.changeTimeout());
    }
    TandemProviderConfig t = (TandemProviderConfig) config;
    return new TandemApiProvider(t.name(), t.url(), t.token(), nameservers, t.timeout());
  }

  private static ServerAddress address(HostPort hp) {
    return ServerAddress.of(hp);
  }
}
