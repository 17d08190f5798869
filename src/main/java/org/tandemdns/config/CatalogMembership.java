package org.tandemdns.config;

import org.xbill.DNS.Name;

/**
 * A zone's {@code catalog:} setting: it is a member of the catalog zone {@code zone} that this
 * server produces (RFC 9432 §4.1), optionally in a {@code group} (§4.4.2), which consumers map to
 * their own settings for the member (BIND and Knot: a template or primaries per group).
 *
 * @param zone the catalog zone, a zone here with {@code produces-catalog: true}
 * @param group the member's group property, or null
 */
public record CatalogMembership(Name zone, String group) {
  public CatalogMembership {
    if (zone == null) {
      throw new IllegalArgumentException("catalog: name the catalog zone ('zone: catalog.example')");
    }
    if (group != null && (group.isBlank() || group.length() > 255)) {
      throw new IllegalArgumentException("catalog.group: 1 to 255 characters (one TXT string, RFC 9432 §4.4.2)");
    }
  }
}
