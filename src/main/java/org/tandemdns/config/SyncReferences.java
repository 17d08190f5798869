package org.tandemdns.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Name;

/**
 * Checks of the {@code sync:} section that need the whole configuration, each error naming its
 * file and line: every provider named by a zone, a source or {@code push-to} exists, every TSIG key
 * an rfc2136 provider names is under {@code keys:}, and every credential can be read.
 */
final class SyncReferences {
  private SyncReferences() {}

  /** The sync section with its credentials read. */
  static SyncConfig check(Path file, YamlLines lines, TandemConfig config, UnaryOperator<String> environment,
      ConfigProblems problems) {
    SyncConfig sync = config.sync();
    Set<Name> keys = new HashSet<>();
    config.keys().forEach(k -> keys.add(k.name()));
    List<SyncProviderConfig> providers = new ArrayList<>();
    for (int i = 0; i < sync.providers().size(); i++) {
      SyncProviderConfig p = sync.providers().get(i);
      String path = "sync.providers[" + i + "]";
      if (p instanceof Rfc2136ProviderConfig r && r.key() != null && !keys.contains(r.key())) {
        problems.add(error(file, lines, path + ".key", "key " + r.key() + " is not defined under 'keys:'"));
        continue;
      }
      try {
        providers.add(p.withSecretsRead(environment));
      } catch (IllegalArgumentException e) {
        problems.add(error(file, lines, path, "provider " + p.name() + ": " + e.getMessage()));
      }
    }
    for (int i = 0; i < sync.zones().size(); i++) {
      SyncZoneConfig z = sync.zones().get(i);
      String path = "sync.zones[" + i + "]";
      if (z.source().provider() != null) {
        known(problems, file, lines, sync, path + ".source.provider", z.source().provider());
      }
      for (int j = 0; j < z.targets().size(); j++) {
        known(problems, file, lines, sync, path + ".targets[" + j + "]", z.targets().get(j));
      }
    }
    for (int i = 0; i < config.zones().size(); i++) {
      List<String> pushTo = config.zones().get(i).pushTo();
      for (int j = 0; j < pushTo.size(); j++) {
        known(problems, file, lines, sync, "zones[" + i + "].push-to[" + j + "]", pushTo.get(j));
      }
    }
    return sync.withProviders(providers);
  }

  private static void known(ConfigProblems problems, Path file, YamlLines lines, SyncConfig sync, String path, String provider) {
    if (sync.provider(provider).isEmpty()) {
      List<String> names = sync.providers().stream().map(SyncProviderConfig::name).toList();
      problems.add(error(file, lines, path, "provider " + provider + " is not defined under 'sync.providers'"
          + (names.isEmpty() ? "" : " (defined: " + String.join(", ", names) + ")")));
    }
  }

  private static String error(Path file, YamlLines lines, String path, String message) {
    return (file + ":" + lines.lineOf(path) + ": " + path + ": " + message);
  }
}
