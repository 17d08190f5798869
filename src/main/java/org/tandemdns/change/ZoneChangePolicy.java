package org.tandemdns.change;

import org.tandemdns.store.JournalRetention;
import org.tandemdns.zone.SerialPolicy;

/** Per-zone rules the pipeline applies: how serials may move and how much journal to keep. */
public record ZoneChangePolicy(SerialPolicy serialPolicy, JournalRetention retention) {
  public static ZoneChangePolicy defaults() {
    return new ZoneChangePolicy(SerialPolicy.KEEP, JournalRetention.defaults());
  }
}
