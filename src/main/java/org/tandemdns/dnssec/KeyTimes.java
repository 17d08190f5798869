package org.tandemdns.dnssec;

import java.time.Instant;

/**
 * A key's timings (RFC 7583 §3.1): when it is published in the DNSKEY RRset, when it starts
 * signing, when it stops signing and when it leaves the DNSKEY RRset; null for a time not set
 * (not planned yet). {@code dsSeen} is when the parent was seen to hold a DS for the key (key-
 * signing keys only). A key's state at any instant follows from these times:
 *
 * <pre>
 *   GENERATED ──publish──► PUBLISHED ──active──► ACTIVE ──retire──► RETIRED ──remove──► REMOVED
 *   (not in DNSKEY)        (in DNSKEY)            (signs)            (in DNSKEY)         (gone)
 * </pre>
 *
 * A key-signing role (KSK, CSK) signs the DNSKEY, CDS and CDNSKEY RRsets for as long as it is
 * published; "active" is when it is ready for a DS at the parent (Knot's "ready"). A zone-signing
 * role (ZSK, CSK) signs the zone's other RRsets while active.
 */
public record KeyTimes(Instant publish, Instant active, Instant retire, Instant remove, Instant dsSeen) {
  /** A zone's first keys, or an imported key: published and active from {@code t}. */
  public static KeyTimes from(Instant t) {
    return new KeyTimes(t, t, null, null, null);
  }

  /** The key's state at {@code now}. */
  public KeyState state(Instant now) {
    if (remove != null && !now.isBefore(remove)) {
      return KeyState.REMOVED;
    }
    if (publish == null || now.isBefore(publish)) {
      return KeyState.GENERATED;
    }
    if (retire != null && !now.isBefore(retire)) {
      return KeyState.RETIRED;
    }
    if (active != null && !now.isBefore(active)) {
      return KeyState.ACTIVE;
    }
    return KeyState.PUBLISHED;
  }

  /** The first of this key's times after {@code now}, or null. */
  public Instant nextAfter(Instant now) {
    Instant next = null;
    for (Instant t : new Instant[] {publish, active, retire, remove}) {
      if (t != null && t.isAfter(now) && (next == null || t.isBefore(next))) {
        next = t;
      }
    }
    return next;
  }

  public KeyTimes withActive(Instant t) {
    return new KeyTimes(publish, t, retire, remove, dsSeen);
  }

  public KeyTimes withRetire(Instant t) {
    return new KeyTimes(publish, active, t, remove, dsSeen);
  }

  public KeyTimes withRemove(Instant t) {
    return new KeyTimes(publish, active, retire, t, dsSeen);
  }

  public KeyTimes withDsSeen(Instant t) {
    return new KeyTimes(publish, active, retire, remove, t);
  }
}
