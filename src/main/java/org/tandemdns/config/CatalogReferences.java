package org.tandemdns.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Checks that every {@code catalog:} of a zone (and its {@code moved-from}) names a zone of the file
 * that {@code produces-catalog} (RFC 9432).
 */
final class CatalogReferences {
  private CatalogReferences() {}

  static void check(Path file, YamlLines lines, List<ZoneConfig> zones, ConfigProblems problems) {
    Set<Name> catalogs = new HashSet<>();
    zones.stream().filter(ZoneConfig::producesCatalog).forEach(z -> catalogs.add(z.name()));
    for (int i = 0; i < zones.size(); i++) {
      CatalogMembership c = zones.get(i).catalog();
      if (c != null && !catalogs.contains(c.zone())) {
        String path = "zones[" + i + "].catalog.zone";
        problems.add(file + ":" + lines.lineOf(path) + ": " + path + ": " + c.zone() + " is not a zone with"
            + " 'produces-catalog: true' in this file" + (catalogs.isEmpty() ? "" : " (catalog zones: " + catalogs + ")"));
      }
      if (c != null && c.movedFrom() != null && !catalogs.contains(c.movedFrom())) {
        String path = "zones[" + i + "].catalog.moved-from";
        problems.add(file + ":" + lines.lineOf(path) + ": " + path + ": " + c.movedFrom() + " is not a catalog zone produced"
            + " here ('produces-catalog: true'); the change of ownership (RFC 9432 §5.6) is written in the old catalog");
      }
    }
  }
}
