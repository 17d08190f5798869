package org.tandemdns.change;

import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * A change that is persisted and now served.
 *
 * @param zone the zone's origin
 * @param previous the version served before, or null when this is the first one served
 * @param current the version now served
 * @param diff what changed from {@code previous}, or null when there is no previous version
 * @param cause why it happened, for logs ("reload", "startup", "api", "axfr from 192.0.2.1", ...)
 */
public record Committed(Name zone, ZoneSnapshot previous, ZoneSnapshot current, ZoneDiff diff, String cause) {
  public long serial() {
    return current.serial();
  }
}
