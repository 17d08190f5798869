package org.tandemdns.change;

/**
 * Told of every committed change, after it is persisted and swapped in (the "announce" step):
 * NOTIFY, push, metrics, propagation tracking. Called with the zone's change lock held, so it must
 * only record or schedule work, never block.
 */
@FunctionalInterface
public interface ChangeListener {
  void committed(Committed change);
}
