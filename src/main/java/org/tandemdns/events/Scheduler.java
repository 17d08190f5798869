package org.tandemdns.events;

import java.time.Instant;

/**
 * Runs work at a time read from the injected clock. The production implementation uses real
 * executors; tests use one whose time they advance by hand, so refresh, retry and expire are tested
 * without sleeps.
 */
public interface Scheduler {

  /** Runs {@code task} (on a worker, never a network thread) at or after {@code at}. */
  Scheduled schedule(Instant at, Runnable task);

  /** A scheduled task that has not run yet can be cancelled. */
  interface Scheduled {
    void cancel();
  }
}
