package org.tandemdns.monitor.check;

/**
 * The SOA probe of one nameserver address over both transports.
 *
 * @param nameserver who was probed
 * @param udp the UDP query
 * @param tcp the TCP query
 * @param health the verdict
 * @param detail why, when not OK
 * @param serial the SOA serial it serves, or null if unknown
 */
public record ProbeResult(
    Nameserver nameserver, TransportProbe udp, TransportProbe tcp, Health health, String detail, Long serial) {

  /** True if content can be fetched from it: it answered authoritatively over some transport. */
  public boolean usable() {
    return serial != null;
  }

  /** "udp+tcp", "udp only", "tcp only" or "no". */
  public String reachability() {
    if (udp.answered() && tcp.answered()) {
      return "udp+tcp";
    }
    if (udp.answered()) {
      return "udp only";
    }
    return tcp.answered() ? "tcp only" : "no";
  }
}
