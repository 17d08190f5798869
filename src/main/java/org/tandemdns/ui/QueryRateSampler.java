package org.tandemdns.ui;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The query rate over the last hour, for the console's chart: every {@link #PERIOD_SECONDS} the
 * total of {@code tandem_dns_queries} is read and the rate since the previous reading kept, at most
 * {@link #SAMPLES} of them. One daemon thread; nothing on the query path.
 */
final class QueryRateSampler implements AutoCloseable {
  static final int PERIOD_SECONDS = 10;
  static final int SAMPLES = 360;

  record Sample(Instant at, double perSecond) {}

  private final MeterRegistry registry;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "console-sampler");
    t.setDaemon(true);
    return t;
  });
  private double last = -1;
  private long lastNanos;

  QueryRateSampler(MeterRegistry registry) {
    this.registry = registry;
    timer.scheduleAtFixedRate(this::sample, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  synchronized void sample() {
    double total = registry.find("tandem_dns_queries").counters().stream().mapToDouble(Counter::count).sum();
    long now = System.nanoTime();
    if (last >= 0) {
      double seconds = Math.max(0.001, (now - lastNanos) / 1e9);
      samples.addLast(new Sample(Instant.now(), Math.max(0, total - last) / seconds));
      while (samples.size() > SAMPLES) {
        samples.removeFirst();
      }
    }
    last = total;
    lastNanos = now;
  }

  synchronized List<Sample> samples() {
    return new ArrayList<>(samples);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
