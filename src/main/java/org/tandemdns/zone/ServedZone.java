package org.tandemdns.zone;

import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Name;

/**
 * A zone this server answers for: its origin and the snapshot currently served, replaced in one
 * atomic reference write. Only the change pipeline calls {@link #swap}; everyone else reads.
 */
public final class ServedZone {
  private final Name origin;
  private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>();
  private volatile boolean expired;
  private volatile java.time.Instant expiresAt;
  private volatile Runnable onChange = () -> {};

  /** Called by the zone table: {@code listener} runs after every swap and expiry change. */
  void attach(Runnable listener) {
    onChange = listener;
  }

  public ServedZone(Name origin) {
    this.origin = origin;
  }

  public Name origin() {
    return origin;
  }

  /** The snapshot to answer from, or null while the zone is not (yet, or no longer) servable. */
  public ZoneSnapshot snapshot() {
    return current.get();
  }

  /**
   * True for a secondary zone whose EXPIRE passed without a successful refresh (RFC 1034 §4.3.5):
   * it answers SERVFAIL and is not transferred, but its last version is kept for IXFR and restart.
   */
  public boolean expired() {
    return expired;
  }

  public void markExpired(boolean value) {
    if (expired != value) {
      expired = value;
      onChange.run();
    }
  }

  /** When a secondary zone expires without a refresh, or null for a primary zone (RFC 7314 §3). */
  public java.time.Instant expiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(java.time.Instant at) {
    expiresAt = at;
  }

  /** Publishes {@code next} (or null to stop serving); returns the previous snapshot. */
  public ZoneSnapshot swap(ZoneSnapshot next) {
    if (next != null && !next.origin().equals(origin)) {
      throw new IllegalArgumentException("snapshot of " + next.origin() + " cannot serve " + origin);
    }
    if (next != null) {
      next.denial(); // built here, off the query path, before anyone answers from it
    }
    ZoneSnapshot previous = current.getAndSet(next);
    onChange.run();
    return previous;
  }
}
