package org.tandemdns.monitor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.tandemdns.dnsclient.Deadline;

/** Runs one task per item on a bounded pool and collects results in item order. */
final class Parallel {
  private Parallel() {}

  /**
   * Applies {@code task} to every item; an item whose task throws or does not finish before
   * {@code deadline} gets {@code onFailure.apply(reason)}.
   */
  static <T, R> List<R> map(
      ExecutorService pool, List<T> items, Function<T, R> task, Deadline deadline, BiFunction<T, String, R> onFailure) {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(pool.submit(() -> task.apply(item)));
    }
    List<R> out = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      Future<R> f = futures.get(i);
      T item = items.get(i);
      try {
        long ms = Math.max(0, deadline.remaining().toMillis());
        out.add(f.get(ms, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        f.cancel(true);
        out.add(onFailure.apply(item, "check deadline passed"));
      } catch (ExecutionException e) {
        out.add(onFailure.apply(item, "internal error: " + e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
        out.add(onFailure.apply(item, "interrupted"));
      }
    }
    return out;
  }
}
