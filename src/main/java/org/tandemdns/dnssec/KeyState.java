package org.tandemdns.dnssec;

import java.util.Locale;

/** Where a key is in its life (RFC 7583 §3.1, simplified as Knot and BIND present it); see {@link KeyTimes}. */
public enum KeyState {
  GENERATED, PUBLISHED, ACTIVE, RETIRED, REMOVED;

  /** True while the key is in the zone's DNSKEY RRset. */
  public boolean published() {
    return this == PUBLISHED || this == ACTIVE || this == RETIRED;
  }

  /** The state as the API and the log write it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
