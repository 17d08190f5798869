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
 */
public record TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor, ApiConfig api) {

  /** A configuration without a monitor, with the API's defaults. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones) {
    this(server, keys, zones, null, null);
  }

  /** A configuration with the API's defaults. */
  public TandemConfig(ServerConfig server, List<KeyConfig> keys, List<ZoneConfig> zones, MonitorConfig monitor) {
    this(server, keys, zones, monitor, null);
  }

  /** This configuration with another API section. */
  public TandemConfig withApi(ApiConfig a) {
    return new TandemConfig(server, keys, zones, monitor, a);
  }

  public TandemConfig {
    server = server == null ? ServerConfig.defaults() : server;
    keys = keys == null ? List.of() : List.copyOf(keys);
    api = api == null ? ApiConfig.defaults() : api;
    zones = zones == null ? List.of() : List.copyOf(zones);
    Set<Name> seen = new HashSet<>();
    for (int i = 0; i < zones.size(); i++) {
      if (!seen.add(zones.get(i).name())) {
        throw new DuplicateZoneException(zones.get(i).name(), i);
      }
    }
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
        new ApiConfig(api.listen(), api.tokens().stream().map(t -> t.resolvedAgainst(base)).toList(), api.metricsAuth()));
  }
}
