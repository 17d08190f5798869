package org.tandemdns.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.MonitorConfig;
import org.tandemdns.config.MonitoredZoneConfig;
import org.tandemdns.monitor.check.CheckReport;

/**
 * The monitor inside {@code tandem serve}: checks every configured zone every interval on its own
 * single thread (so it never blocks anything else, and checks never overlap), records metrics,
 * and sends alerts on state changes (see {@link AlertTracker}) to the sink and the history.
 *
 * <p>{@link #checkNow()} runs one round synchronously, which is what tests and the scheduler call.
 * Time for grace periods comes from the injected {@link Clock}.
 */
public final class Monitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Monitor.class);

  private final MonitorConfig config;
  private final Clock clock;
  private final ZoneChecker checker;
  private final AlertSink sink;
  private final AlertHistory history;
  private final AlertTracker tracker;
  private final MonitorMetrics metrics;
  private final Map<String, CheckReport> latest = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;

  /**
   * @param config what to watch and how
   * @param clock time source for grace periods and timestamps
   * @param checker runs one zone check
   * @param sink where alerts go besides the in-memory history (webhooks, the history file)
   * @param registry where metrics are registered
   */
  /** Held while a zone is checked, so a round and a check from the console do not interleave their alerts. */
  private final Object checking = new Object();

  public Monitor(MonitorConfig config, Clock clock, ZoneChecker checker, AlertSink sink, MeterRegistry registry) {
    this.config = config;
    this.clock = clock;
    this.checker = checker;
    this.sink = sink;
    this.history = new AlertHistory(config.historySize());
    this.tracker = new AlertTracker(config.grace(), config.alertOnSerialChange(), config.alertOnNsChange());
    this.metrics = new MonitorMetrics(registry);
  }

  /** Starts checking every zone every interval, the first round at once. */
  public synchronized void start() {
    if (scheduler != null || config.zones().isEmpty()) {
      return;
    }
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "tandem-monitor");
      t.setDaemon(true);
      return t;
    });
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    s.scheduleWithFixedDelay(this::safeRound, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler = s;
    log.info("monitor: watching {} zone(s) every {} s", config.zones().size(), config.interval().toSeconds());
  }

  private void safeRound() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      log.error("monitor: round failed", e);
    }
  }

  /** Checks every zone once, now, and returns the alerts raised. */
  public List<Alert> checkNow() {
    List<Alert> raised = new java.util.ArrayList<>();
    for (MonitoredZoneConfig z : config.zones()) {
      raised.addAll(checkZone(z));
    }
    return raised;
  }

  /**
   * Checks one monitored zone now (the console's "check now"), raising its alerts as a round
   * would; empty when the zone is not monitored.
   */
  public Optional<CheckReport> checkNow(String zone) {
    for (MonitoredZoneConfig z : config.zones()) {
      if (z.name().toString().equalsIgnoreCase(zone)) {
        checkZone(z);
        return latest(z.name().toString());
      }
    }
    return Optional.empty();
  }

  private List<Alert> checkZone(MonitoredZoneConfig z) {
    synchronized (checking) {
      return checkZoneLocked(z);
    }
  }

  private List<Alert> checkZoneLocked(MonitoredZoneConfig z) {
    Observation o;
    try {
      CheckReport r = checker.check(z);
      latest.put(r.zone(), r);
      metrics.record(r, clock.instant());
      o = Observation.of(r);
      log.info("monitor: {} {} ({} ms)", r.zone(), r.verdict(), r.elapsedMillis());
    } catch (CheckFailedException e) {
      metrics.failed(z.name().toString());
      o = Observation.failed(z.name().toString(), e.getMessage());
      log.warn("monitor: {} not checked: {}", z.name(), e.getMessage());
    } catch (RuntimeException e) {
      metrics.failed(z.name().toString());
      o = Observation.failed(z.name().toString(), "internal error: " + e);
      log.error("monitor: {} not checked", z.name(), e);
    }
    List<Alert> alerts = tracker.observe(o, clock.instant());
    for (Alert a : alerts) {
      history.send(a);
      sink.send(a);
    }
    return alerts;
  }

  /** The alerts raised so far (at most {@code history-size}), oldest first. */
  public List<Alert> history() {
    return history.list();
  }

  /** The latest report of {@code zone} (absolute name, with the final dot). */
  public Optional<CheckReport> latest(String zone) {
    return Optional.ofNullable(latest.get(zone));
  }

  /** Latest report per zone. */
  public Map<String, CheckReport> latest() {
    return Map.copyOf(latest);
  }

  /** Stops scheduling; a round in progress is interrupted. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }
}
