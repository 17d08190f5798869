package org.tandemdns.propagation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a zone's changes are: per downstream, the newest serial known; per recent change, which
 * downstreams have it and how long each took.
 */
public record ZonePropagation(long servedSerial, List<Downstream> downstreams, List<Change> changes) {

  /**
   * @param downstream {@code ADDR:PORT} for a NOTIFY target, {@code ADDR} for an address seen only in transfers
   * @param serial the newest serial it is known to hold, or -1 when unknown yet
   * @param lag how many serial steps it is behind (RFC 1982 distance), or -1 when unknown
   * @param learned when that was learnt, and how ("ixfr-request", "transfer", "soa")
   */
  public record Downstream(String downstream, long serial, long lag, Instant learned, String how) {}

  /** @param reachedMillis downstream to milliseconds from commit until it was seen holding the change */
  public record Change(long serial, Instant committed, Map<String, Long> reachedMillis) {}
}
