package org.tandemdns.sync.provider;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.tandemdns.zone.compare.CanonicalZone;

/**
 * A zone as read from a source or a target.
 *
 * @param zone its RRsets in canonical form
 * @param serial the SOA serial read with it, when known (a Tandem target uses it to make the apply
 *     conditional on the zone not having moved on)
 * @param notes what was read but left out, for the report (records a provider holds that Tandem
 *     cannot represent, disabled records)
 */
public record ZoneContent(CanonicalZone zone, OptionalLong serial, List<String> notes) {
  public ZoneContent {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(serial, "serial");
    notes = List.copyOf(notes);
  }

  /** Content with its SOA serial, if it has an SOA, and no notes. */
  public static ZoneContent of(CanonicalZone zone) {
    return new ZoneContent(zone, zone.serial().map(OptionalLong::of).orElse(OptionalLong.empty()), List.of());
  }
}
