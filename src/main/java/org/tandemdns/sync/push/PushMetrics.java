package org.tandemdns.sync.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;

/**
 * Metrics of continuous push, per zone and target: {@code tandem_push_attempts_total{result}},
 * {@code tandem_push_pending} (1 while the target is behind or failing), {@code tandem_push_failures}
 * (consecutive) and {@code tandem_push_last_success_seconds} (Unix time, NaN before the first).
 */
final class PushMetrics {
  private final MeterRegistry registry;

  PushMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the gauges of {@code t}. */
  void register(PushTarget t) {
    if (registry == null) {
      return;
    }
    String zone = t.zone().toString();
    Gauge.builder("tandem_push_pending", t, x -> x.state() == PushTarget.State.IN_SYNC ? 0 : 1)
        .description("1 while a push target is behind the served zone").tags("zone", zone, "target", t.target()).register(registry);
    Gauge.builder("tandem_push_failures", t, PushTarget::failures)
        .description("consecutive failed pushes to a target").tags("zone", zone, "target", t.target()).register(registry);
    Gauge.builder("tandem_push_last_success_seconds", t, x -> seconds(x.lastSuccess()))
        .description("when a push to a target last succeeded").tags("zone", zone, "target", t.target()).register(registry);
  }

  /** Counts one push attempt of {@code t} ending in {@code result} (ok, failed, refused). */
  void recorded(PushTarget t, String result) {
    if (registry == null) {
      return;
    }
    Counter.builder("tandem_push_attempts").description("pushes to a target, by result")
        .tags("zone", t.zone().toString(), "target", t.target(), "result", result).register(registry).increment();
  }

  private static double seconds(Instant at) {
    return at == null ? Double.NaN : at.getEpochSecond();
  }
}
