package org.tandemdns.change;

import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.store.JournalRetention;
import org.tandemdns.zone.SerialPolicy;

/**
 * Per-zone rules the pipeline applies: how serials may move, how much journal to keep, and, for a
 * zone Tandem signs, its signer (null otherwise).
 */
public record ZoneChangePolicy(SerialPolicy serialPolicy, JournalRetention retention, ZoneSigner signer) {
  public ZoneChangePolicy(SerialPolicy serialPolicy, JournalRetention retention) {
    this(serialPolicy, retention, null);
  }

  public static ZoneChangePolicy defaults() {
    return new ZoneChangePolicy(SerialPolicy.KEEP, JournalRetention.defaults());
  }

  /** The serial policy for changes Tandem makes itself (signing, UPDATE): {@code keep} acts as {@code increment}. */
  SerialPolicy ownChanges() {
    return serialPolicy == SerialPolicy.KEEP ? SerialPolicy.INCREMENT : serialPolicy;
  }
}
