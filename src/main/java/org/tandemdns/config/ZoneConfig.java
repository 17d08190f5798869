package org.tandemdns.config;

import java.nio.file.Path;
import org.xbill.DNS.Name;

/**
 * One zone under {@code zones:}.
 *
 * @param name the zone's origin, with or without the final dot
 * @param type {@code primary}
 * @param file the master file; relative paths are relative to the config file
 */
public record ZoneConfig(Name name, ZoneType type, Path file) {
  public ZoneConfig {
    if (name == null) {
      throw new IllegalArgumentException("missing 'name'");
    }
    type = type == null ? ZoneType.PRIMARY : type;
    if (type == ZoneType.PRIMARY && file == null) {
      throw new IllegalArgumentException("zone " + name + ": missing 'file' (the zone's master file)");
    }
  }

  /** This zone with its file resolved against {@code base}. */
  ZoneConfig resolvedAgainst(Path base) {
    return file == null || file.isAbsolute() || base == null ? this : new ZoneConfig(name, type, base.resolve(file));
  }
}
