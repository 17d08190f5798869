package org.tandemdns.config;

import java.util.Map;
import org.xbill.DNS.Name;

/**
 * A zone's {@code catalog:} setting: it is a member of the catalog zone {@code zone} that this
 * server produces (RFC 9432 §4.1), optionally in a {@code group} (§4.4.2), which consumers map to
 * their own settings for the member (BIND and Knot: a template or primaries per group).
 *
 * @param zone the catalog zone, a zone here with {@code produces-catalog: true}
 * @param group the member's group property, or null
 * @param movedFrom another catalog produced here that the member is moving from: it stays listed
 *     there too, with a change-of-ownership {@code coo} property naming {@code zone} (§4.4.1,
 *     §5.6), so that the old catalog's consumers hand the zone over instead of deleting it; null
 *     when not moving. Remove it once every consumer has followed.
 * @param ext custom properties (§4.4.3): {@code NAME: VALUE} becomes {@code NAME.ext.<id>.zones}
 *     TXT VALUE, for consumers that read them
 */
public record CatalogMembership(Name zone, String group, Name movedFrom, Map<String, String> ext) {
  public CatalogMembership {
    if (zone == null) {
      throw new IllegalArgumentException("catalog: name the catalog zone ('zone: catalog.example')");
    }
    if (group != null && (group.isBlank() || group.length() > 255)) {
      throw new IllegalArgumentException("catalog.group: 1 to 255 characters (one TXT string, RFC 9432 §4.4.2)");
    }
    if (zone.equals(movedFrom)) {
      throw new IllegalArgumentException("catalog.moved-from: the member is moving from " + movedFrom + " to another catalog, not to itself");
    }
    ext = ext == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(ext));
    for (Map.Entry<String, String> e : ext.entrySet()) {
      if (!e.getKey().matches("[A-Za-z0-9_-]{1,63}")) {
        throw new IllegalArgumentException("catalog.ext: '" + e.getKey() + "' is not one DNS label (letters, digits, '-', '_')");
      }
      if (e.getValue() == null || e.getValue().length() > 255) {
        throw new IllegalArgumentException("catalog.ext." + e.getKey() + ": a value of up to 255 characters (one TXT string)");
      }
    }
  }

  /** A membership in {@code zone}, in {@code group}, not moving, without custom properties. */
  public CatalogMembership(Name zone, String group) {
    this(zone, group, null, null);
  }
}
