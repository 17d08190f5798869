package org.tandemdns.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/** The whole configuration: what {@code tandem serve} runs. Immutable; see {@link ConfigLoader}. */
public record TandemConfig(ServerConfig server, List<ZoneConfig> zones) {
  public TandemConfig {
    server = server == null ? ServerConfig.defaults() : server;
    zones = zones == null ? List.of() : List.copyOf(zones);
    Set<Name> seen = new HashSet<>();
    for (ZoneConfig z : zones) {
      if (!seen.add(z.name())) {
        throw new IllegalArgumentException("zone " + z.name() + " is listed twice");
      }
    }
  }

  /** Relative paths made relative to {@code base} (the config file's directory). */
  TandemConfig resolvedAgainst(Path base) {
    return new TandemConfig(server.resolvedAgainst(base), zones.stream().map(z -> z.resolvedAgainst(base)).toList());
  }
}
