package org.tandemdns.config;

import java.nio.file.Path;

/**
 * Where {@code tandem sync} reads a zone's true content: a zone file, or a provider under
 * {@code sync.providers} (a Tandem through its API, a server by AXFR, PowerDNS through its API).
 *
 * @param file a master file (relative to the config file), or
 * @param provider the name of a provider
 */
public record SyncSourceConfig(Path file, String provider) {
  public SyncSourceConfig {
    if ((file == null) == (provider == null)) {
      throw new IllegalArgumentException("a source is either 'file: PATH' or 'provider: NAME'");
    }
  }

  SyncSourceConfig resolvedAgainst(Path base) {
    return new SyncSourceConfig(Secrets.resolve(base, file), provider);
  }

  @Override
  public String toString() {
    return file != null ? "file " + file : "provider " + provider;
  }
}
