package org.tandemdns.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The whole configuration: what {@code tandem serve} runs. Immutable; see {@link ConfigLoader}.
 *
 * @param server listeners, data directory, limits
 * @param keys TSIG keys (RFC 8945) that zones refer to by name
 * @param zones the zones served
 * @param monitor the {@code monitor:} section, or null when there is none
 * @param api the HTTP API
 * @param sync the {@code sync:} section: providers for multi-provider push
 * @param dnssecPolicies the {@code dnssec-policies:} zones sign by, besides the built-in {@code default}
 * @param logging where log lines go and in which form
 * @param tls the TLS listener (XoT, DoT) and the profiles primaries reached over TLS are trusted by
 */
public record TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor, ApiConfig api,
    SyncConfig sync, List<DnssecPolicy> dnssecPolicies, LoggingConfig logging, TlsConfig tls) {

  /** A configuration without TLS. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor, ApiConfig api,
      SyncConfig sync, List<DnssecPolicy> dnssecPolicies, LoggingConfig logging) {
    this(server, keys, zones, monitor, api, sync, dnssecPolicies, logging, null);
  }

  /** A configuration with the default logging. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor, ApiConfig api,
      SyncConfig sync, List<DnssecPolicy> dnssecPolicies) {
    this(server, keys, zones, monitor, api, sync, dnssecPolicies, null);
  }

  /** A configuration with no DNSSEC policy besides the built-in one. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor, ApiConfig api,
      SyncConfig sync) {
    this(server, keys, zones, monitor, api, sync, null);
  }

  /** A configuration without a monitor, with the API's defaults. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones) {
    this(server, keys, zones, null, null);
  }

  /** A configuration with the API's defaults. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor) {
    this(server, keys, zones, monitor, null);
  }

  /** A configuration without a {@code sync:} section. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor, ApiConfig api) {
    this(server, keys, zones, monitor, api, null);
  }

  /** This configuration with another API section. */
  public TandemConfig withApi(ApiConfig a) {
    return new TandemConfig(server, keys, zones, monitor, a, sync, dnssecPolicies, logging, tls);
  }

  public TandemConfig {
    server = server == null ? ServerConfig.defaults() : server;
    keys = keys == null ? List.of() : List.copyOf(keys);
    api = api == null ? ApiConfig.defaults() : api;
    zones = zones == null ? List.of() : List.copyOf(zones);
    sync = sync == null ? SyncConfig.empty() : sync;
    dnssecPolicies = dnssecPolicies == null ? List.of() : List.copyOf(dnssecPolicies);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    tls = tls == null ? TlsConfig.none() : tls;
    Set<String> policyNames = new HashSet<>();
    for (DnssecPolicy p : dnssecPolicies) {
      boolean builtIn = p.name().equals(DnssecPolicy.DEFAULT) || p.name().equals(DnssecPolicy.INSECURE);
      if (builtIn || !policyNames.add(p.name())) {
        throw new IllegalArgumentException("dnssec policy " + p.name() + " is defined twice"
            + (builtIn ? " ('" + p.name() + "' is built in; give yours another name)" : ""));
      }
    }
    for (ZoneConfig z : zones) {
      if (z.dnssec() != null && !z.dnssec().policy().equals(DnssecPolicy.DEFAULT)
          && !z.dnssec().policy().equals(DnssecPolicy.INSECURE) && !policyNames.contains(z.dnssec().policy())) {
        throw new IllegalArgumentException("zone " + z.name() + ": dnssec policy '" + z.dnssec().policy()
            + "' is not defined under dnssec-policies (defined: " + String.join(", ", new java.util.TreeSet<>(policyNames))
            + (policyNames.isEmpty() ? "" : ", ") + "default)");
      }
    }
    for (ZoneConfig z : zones) {
      checkTlsReferences(z, tls);
    }
    Set<Name> seen = new HashSet<>();
    for (int i = 0; i < zones.size(); i++) {
      if (!seen.add(zones.get(i).name())) {
        throw new DuplicateZoneException(zones.get(i).name(), i);
      }
    }
  }

  /**
   * Refuses a zone whose primaries name a TLS profile that is not defined, or whose allow-transfer
   * requires TLS (or mutual TLS) that the listener cannot give.
   */
  private static void checkTlsReferences(ZoneConfig z, TlsConfig tls) {
    java.util.List<Remote> primaries = new java.util.ArrayList<>(z.primaries());
    java.util.List<org.tandemdns.security.AclEntry> transfer = new java.util.ArrayList<>(z.allowTransfer());
    if (z.members() != null) {
      java.util.List<MemberTemplate> templates = new java.util.ArrayList<>(z.members().groups().values());
      templates.add(z.members().template());
      for (MemberTemplate t : templates) {
        primaries.addAll(t.primaries());
        transfer.addAll(t.allowTransfer());
      }
    }
    for (Remote p : primaries) {
      if (p.tls() != null && tls.profile(p.tls()) == null) {
        throw new IllegalArgumentException("zone " + z.name() + ": primary " + p + " names tls profile '" + p.tls()
            + "', which tls.profiles does not define");
      }
    }
    for (org.tandemdns.security.AclEntry e : transfer) {
      if (e.requires() != org.tandemdns.security.TransportSecurity.NONE && tls.listen().isEmpty()) {
        throw new IllegalArgumentException("zone " + z.name() + ": allow-transfer entry '" + e + "' requires TLS, but there is"
            + " no TLS listener (add tls.listen, tls.certificate and tls.private-key)");
      }
      if (e.requires() == org.tandemdns.security.TransportSecurity.MUTUAL_TLS && tls.clientCa() == null) {
        throw new IllegalArgumentException("zone " + z.name() + ": allow-transfer entry '" + e + "' requires a client"
            + " certificate, but tls.client-ca is not set, so none is asked for");
      }
    }
  }

  /** The policy named {@code name}: one under {@code dnssec-policies}, or the built-in default. */
  public DnssecPolicy dnssecPolicy(String name) {
    for (DnssecPolicy p : dnssecPolicies) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    if (name.equals(DnssecPolicy.DEFAULT)) {
      return DnssecPolicy.builtInDefault();
    }
    if (name.equals(DnssecPolicy.INSECURE)) {
      return DnssecPolicy.builtInInsecure();
    }
    throw new IllegalArgumentException("no dnssec policy " + name);
  }

  /** A zone listed a second time, at {@code index} of the list. */
  public static final class DuplicateZoneException extends IllegalArgumentException {
    private final int index;

    DuplicateZoneException(Name zone, int index) {
      super("zone " + zone + " is listed twice");
      this.index = index;
    }

    public int index() {
      return index;
    }
  }

  /** Relative paths made relative to {@code base} (the config file's directory). */
  TandemConfig resolvedAgainst(Path base) {
    return new TandemConfig(server.resolvedAgainst(base), keys.stream().map(k -> k.resolvedAgainst(base)).toList(),
        zones.stream().map(z -> z.resolvedAgainst(base)).toList(), monitor == null ? null : monitor.resolvedAgainst(base),
        api.resolvedAgainst(base),
        sync.resolvedAgainst(base), dnssecPolicies, logging.resolvedAgainst(base), tls.resolvedAgainst(base));
  }
}
