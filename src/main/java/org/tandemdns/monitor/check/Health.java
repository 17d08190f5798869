package org.tandemdns.monitor.check;

/** How one nameserver address answered the SOA probe. */
public enum Health {
  /** Answered authoritatively for the zone over UDP and TCP. */
  OK,
  /**
   * Answered, but not for this zone: REFUSED, SERVFAIL or another error, no AA bit, or the SOA of
   * another zone (a lame delegation, RFC 1912 §2.8).
   */
  LAME,
  /** Did not answer over UDP, TCP or both. */
  UNREACHABLE
}
