package org.tandemdns.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The production scheduler keeps the {@link Scheduler} contract: a task runs at or after its time
 * as the injected clock reads it. SecondaryZone relies on it: its expire task does nothing when it
 * finds the clock still before the deadline, and schedules nothing again, so a task run even a
 * fraction of a millisecond early means the zone never expires (seen in SecondaryExpireIT).
 */
class ExecutorSchedulerTest {

  private static final int TASKS = 20;

  @Test
  void tasksNeverRunBeforeTheirTimeByTheClock() throws Exception {
    Clock clock = Clock.systemUTC();
    List<String> early = new ArrayList<>();
    try (ExecutorScheduler scheduler = new ExecutorScheduler(clock, 2)) {
      for (int i = 0; i < TASKS; i++) {
        CountDownLatch ran = new CountDownLatch(1);
        Instant at = clock.instant().plusMillis(20);
        scheduler.schedule(at, () -> {
          Instant now = clock.instant();
          if (now.isBefore(at)) {
            synchronized (early) {
              early.add("ran at " + now + ", scheduled for " + at);
            }
          }
          ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).as("task " + i + " ran").isTrue();
      }
    }
    assertThat(early).as("tasks run before their time, of " + TASKS).isEmpty();
  }
}
