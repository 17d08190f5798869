package org.tandemdns.monitor.check;

import java.util.Objects;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.zone.compare.CanonicalZone;

/** Where the reference copy of the zone comes from. */
public sealed interface ReferenceSource
    permits ReferenceSource.Majority, ReferenceSource.Expected, ReferenceSource.FromServer {

  /** The content most nameservers that allow AXFR agree on (SOA serial not considered). */
  record Majority() implements ReferenceSource {}

  /**
   * A copy given in advance, typically read from a zone file.
   *
   * @param description where it came from, for the report
   * @param zone the copy
   */
  record Expected(String description, CanonicalZone zone) implements ReferenceSource {
    public Expected {
      Objects.requireNonNull(zone, "zone");
    }
  }

  /** A server to transfer the zone from, e.g. a hidden primary. */
  record FromServer(ServerAddress server) implements ReferenceSource {}
}
