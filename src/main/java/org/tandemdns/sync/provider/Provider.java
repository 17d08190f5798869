package org.tandemdns.sync.provider;

import java.util.List;
import java.util.OptionalLong;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.sync.RRsetChange;
import org.xbill.DNS.Name;

/**
 * A DNS service a zone is pushed to: it reads the zone, applies RRset changes in batches, and names
 * the nameservers that serve the result. Implementations are thread-safe.
 *
 * <p>Each provider declares the record types it can hold ({@link #supports(int)}); RRsets of other
 * types are reported by the plan, never silently dropped, and never deleted at the target.
 */
public interface Provider extends ZoneSource {

  /** The provider's name in the config. */
  String name();

  /** Its type: {@code rfc2136}, {@code powerdns} or {@code tandem}. */
  String type();

  /** True when RRsets of {@code type} can be written here. */
  boolean supports(int type);

  /** Why {@code type} is not supported, for the report. */
  default String unsupportedReason(int type) {
    return RecordTypes.reason(type, type());
  }

  /**
   * The cost of {@code change} against {@link #maxBatchCost()}: bytes of an UPDATE message, one
   * per RRset for an API, records and characters for Route 53. A change that alone costs more than
   * the maximum cannot be applied.
   */
  BatchCost batchCost(Name zone, RRsetChange change);

  /** The most a batch may cost; the provider's limit on one atomic change. */
  BatchCost maxBatchCost();

  /** True when each batch is applied all or nothing (RFC 2136 UPDATE, PowerDNS PATCH, Tandem changes). */
  default boolean atomicBatches() {
    return true;
  }

  /**
   * Applies one batch, atomically where {@link #atomicBatches()}.
   *
   * @param expectedSerial the serial the target is expected at (read with the plan, or returned by
   *     the previous batch); a provider that can makes the batch conditional on it
   * @return the target's serial after the batch, when the provider says
   * @throws ProviderException with the provider's own message
   */
  OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong expectedSerial) throws ProviderException;

  /**
   * The nameservers this provider itself assigns to {@code zone} (Route 53's delegation set), for
   * publishing the union of every provider's nameservers; empty when the provider does not say
   * (then the zone's {@code own-ns} for the target names them).
   */
  default List<Name> ownNameservers(Name zone) throws ProviderException {
    return List.of();
  }

  /** The nameservers to query to verify that a change is served; empty when not configured. */
  List<ServerAddress> nameservers();
}
