package org.tandemdns.monitor.check;

import java.util.List;

/**
 * Everything found about one nameserver address.
 *
 * @param name nameserver name
 * @param address address and port
 * @param health OK, LAME or UNREACHABLE
 * @param problem why it is not OK, or null
 * @param reachable "udp+tcp", "udp only", "tcp only" or "no"
 * @param udpMillis UDP response time, or null
 * @param tcpMillis TCP response time, or null
 * @param serial SOA serial served, or null
 * @param lag how many serial increments it is behind the reference serial (RFC 1982 distance;
 *     negative when ahead), or null if unknown
 * @param content how its content was read: {@code axfr}, {@code queries}, {@code reference} (it is
 *     the reference) or {@code none}
 * @param contentDetail details on reading the content (refused AXFR, failures, counts)
 * @param drifted number of RRsets whose data differs from the reference
 * @param ttlDifferences number of RRsets with the same data but another TTL
 * @param unverified RRsets of the reference that could not be checked at this server
 * @param differences the differences themselves
 */
public record NameserverReport(
    String name,
    String address,
    Health health,
    String problem,
    String reachable,
    Long udpMillis,
    Long tcpMillis,
    Long serial,
    Long lag,
    String content,
    String contentDetail,
    int drifted,
    int ttlDifferences,
    int unverified,
    List<Difference> differences) {

  public NameserverReport {
    differences = List.copyOf(differences);
  }

  /** Whether this server's content drifted from the reference: RRsets with other data or another TTL (the monitor's drift). */
  public boolean contentDiffers() {
    return drifted > 0 || ttlDifferences > 0;
  }

  /** "name address", how the report labels this server. */
  public String label() {
    return name + " " + address;
  }
}
