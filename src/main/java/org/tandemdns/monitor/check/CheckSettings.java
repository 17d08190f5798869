package org.tandemdns.monitor.check;

import java.time.Duration;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.TransferLimits;

/**
 * Bounds and switches of a check.
 *
 * @param query per-query timeout and UDP tries
 * @param transfer AXFR bounds
 * @param maxQueriesPerServer most queries sent to one server that refuses AXFR
 * @param parallelism most servers worked on at once
 * @param content compare content (AXFR or queries); false checks serials and health only
 * @param compareTtl report TTL differences
 */
public record CheckSettings(
    QueryLimits query,
    TransferLimits transfer,
    int maxQueriesPerServer,
    int parallelism,
    boolean content,
    boolean compareTtl) {

  public CheckSettings {
    if (maxQueriesPerServer < 0 || parallelism < 1) {
      throw new IllegalArgumentException("max queries must be >= 0 and parallelism >= 1");
    }
  }

  /** 2 s timeouts, 2 UDP tries, default transfer limits, 5000 queries, 4 at once, all checks. */
  public static CheckSettings defaults() {
    return new CheckSettings(QueryLimits.defaults(), TransferLimits.defaults(), 5000, 4, true, true);
  }

  /**
   * An upper bound on the whole check: probes, transfers and queries run in rounds of
   * {@link #parallelism()} servers.
   */
  public Duration bound(int servers) {
    int rounds = (servers + parallelism - 1) / parallelism + 1;
    Duration probe = query.timeout().multipliedBy(query.udpTries() + 1L);
    Duration perServer = probe.plus(transfer.timeout()).plus(transfer.timeout());
    return perServer.multipliedBy(rounds);
  }
}
