package org.tandemdns.sync.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import org.tandemdns.events.Scheduler;

/** A clock and a {@link Scheduler} that only move when the test says; due tasks run on the test's thread. */
final class ManualTime extends Clock implements Scheduler {
  private record Task(Instant at, long seq, Runnable work, boolean[] cancelled) {}

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>((a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private long seq;

  @Override
  public synchronized Scheduled schedule(Instant at, Runnable task) {
    boolean[] cancelled = {false};
    queue.add(new Task(at, seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Runs everything due now. */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** Moves time forward by {@code d}, running every task that falls due on the way, in order. */
  void advance(Duration d) {
    Instant end = instant().plus(d);
    for (int guard = 0; guard < 10_000; guard++) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at.isAfter(end)) {
          break;
        }
        queue.poll();
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      if (!next.cancelled[0]) {
        next.work.run();
      }
    }
    synchronized (this) {
      if (now.isBefore(end)) {
        now = end;
      }
    }
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
