package org.tandemdns.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one timer thread decides when, a bounded pool of workers does
 * the work (refreshes and transfers in), so at most {@code workers} transfers run at once.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);

  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("zone-timer"));
  private final ExecutorService workers;

  public ExecutorScheduler(Clock clock, int workers) {
    this.clock = clock;
    this.workers = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("zone-refresh"));
  }

  @Override
  public Scheduled schedule(Instant at, Runnable task) {
    // in nanoseconds: a delay cut to whole milliseconds would run the task before 'at'
    long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
    ScheduledFuture<?> f = timer.schedule(() -> {
      try {
        workers.execute(guarded(task));
      } catch (RejectedExecutionException e) {
        log.debug("scheduler stopped; task dropped");
      }
    }, delay, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("a scheduled zone task failed", e);
      }
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
