package org.tandemdns.monitor.check;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tandemdns.dnsclient.ServerAddress;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * What to check.
 *
 * @param zone the zone's name
 * @param nameservers the addresses to check, each separately
 * @param reference where the reference copy comes from
 * @param key TSIG key for AXFR, if the servers require one
 * @param parent a server of the parent zone, to compare the delegation with
 * @param settings bounds and switches
 */
public record CheckRequest(
    Name zone,
    List<Nameserver> nameservers,
    ReferenceSource reference,
    Optional<TSIG> key,
    Optional<ServerAddress> parent,
    CheckSettings settings) {

  public CheckRequest {
    Objects.requireNonNull(zone, "zone");
    if (!zone.isAbsolute()) {
      throw new IllegalArgumentException("zone must be absolute: " + zone);
    }
    nameservers = List.copyOf(new java.util.LinkedHashSet<>(nameservers));
    if (nameservers.isEmpty()) {
      throw new IllegalArgumentException("no nameservers to check");
    }
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(settings, "settings");
  }
}
