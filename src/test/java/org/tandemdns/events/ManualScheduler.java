package org.tandemdns.events;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A {@link Scheduler} whose time only moves when the test says; due tasks run on the test's thread. */
final class ManualScheduler implements Scheduler {
  private record Task(Instant at, long seq, Runnable work, boolean[] cancelled) {}

  private final MutableClock clock;
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>((a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private long seq;

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Scheduled schedule(Instant at, Runnable task) {
    boolean[] cancelled = {false};
    queue.add(new Task(at, seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Runs everything due now (including what those tasks schedule for now). */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** Moves time forward by {@code d}, running every task that falls due on the way, in order. */
  void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    for (int guard = 0; guard < 10_000; guard++) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at.isAfter(end)) {
          break;
        }
        queue.poll();
      }
      if (next.at.isAfter(clock.instant())) {
        clock.set(next.at);
      }
      if (!next.cancelled[0]) {
        next.work.run();
      }
    }
    if (clock.instant().isBefore(end)) {
      clock.set(end);
    }
  }
}
