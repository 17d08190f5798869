package org.tandemdns.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The {@code sync:} section: the providers of multi-provider push, the zones {@code tandem sync}
 * works on, and the settings of continuous push. Usable without a running server.
 *
 * @param providers the DNS services zones are read from and pushed to
 * @param zones zones for {@code tandem sync plan|apply}
 * @param push settings of continuous push from {@code tandem serve}
 */
public record SyncConfig(List<SyncProviderConfig> providers, List<SyncZoneConfig> zones, PushConfig push) {
  public SyncConfig {
    providers = providers == null ? List.of() : List.copyOf(providers);
    zones = zones == null ? List.of() : List.copyOf(zones);
    push = push == null ? PushConfig.defaults() : push;
    Set<String> names = new HashSet<>();
    for (SyncProviderConfig p : providers) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("provider " + p.name() + " is listed twice");
      }
    }
    Set<Name> zoneNames = new HashSet<>();
    for (SyncZoneConfig z : zones) {
      if (!zoneNames.add(z.name())) {
        throw new IllegalArgumentException("zone " + z.name() + " is listed twice under sync.zones");
      }
    }
  }

  public static SyncConfig empty() {
    return new SyncConfig(null, null, null);
  }

  /** The provider called {@code name}. */
  public Optional<SyncProviderConfig> provider(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Position of the provider {@code name} in {@link #providers()}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < providers.size(); i++) {
      if (providers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  SyncConfig resolvedAgainst(Path base) {
    return new SyncConfig(providers.stream().map(p -> p.resolvedAgainst(base)).toList(),
        zones.stream().map(z -> z.resolvedAgainst(base)).toList(), push);
  }

  SyncConfig withProviders(List<SyncProviderConfig> p) {
    return new SyncConfig(p, zones, push);
  }
}
