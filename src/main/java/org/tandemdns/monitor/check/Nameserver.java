package org.tandemdns.monitor.check;

import java.util.Objects;
import org.tandemdns.dnsclient.ServerAddress;

/**
 * One address of one nameserver: the unit that is checked. A nameserver with an IPv4 and an IPv6
 * address is two of these.
 *
 * @param name the nameserver's name as given or found in the NS RRset, for display
 * @param address where it is queried
 */
public record Nameserver(String name, ServerAddress address) {
  public Nameserver {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /** "name address", how reports label it. */
  public String label() {
    return name + " " + address;
  }

  @Override
  public String toString() {
    return label();
  }
}
