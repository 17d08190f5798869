package org.tandemdns.notify;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangeListener;
import org.tandemdns.change.Committed;
import org.tandemdns.config.HostPort;
import org.tandemdns.propagation.PropagationTracker;
import org.tandemdns.security.TsigKey;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * NOTIFY out (RFC 1996 §3): after every committed change, each target of the zone's plan is told
 * the new serial; unanswered NOTIFYs are retried with doubling back-off (RFC 1996 §3.6), an error
 * answer ends the attempts, and a newer serial supersedes retries for an older one. Sends run on a
 * small bounded executor, never on the committing or network threads. Per-target status is kept.
 */
public final class NotifySender implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("notify");
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_ATTEMPTS = 6;

  private final Function<Name, NotifyPlan> plans;
  private final TsigKeyRing keys;
  private final Set<InetSocketAddress> ownAddresses;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("notify-timer"));
  /** Exchanges in flight at once: a target that does not answer holds one for up to {@link #TIMEOUT}. */
  static final int SENDERS = 16;
  private final ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDERS, SENDERS, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(100_000), daemon("notify-send"));
  private final Map<Name, Map<InetSocketAddress, Target>> targets = new ConcurrentHashMap<>();
  private final PropagationTracker propagation;
  private io.micrometer.core.instrument.MeterRegistry metrics = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();

  /** Counts NOTIFYs sent ({@code tandem_notify_sent{result}}) into {@code registry}. */
  public NotifySender withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    this.metrics = registry;
    return this;
  }
  private final PropagationProbe probe;

  public NotifySender(Function<Name, NotifyPlan> plans, TsigKeyRing keys, Set<InetSocketAddress> ownAddresses, Clock clock) {
    this(plans, keys, ownAddresses, clock, null);
  }

  /** @param propagation told of every target, and of the SOA serials probed after each NOTIFY; may be null */
  public NotifySender(Function<Name, NotifyPlan> plans, TsigKeyRing keys, Set<InetSocketAddress> ownAddresses, Clock clock,
      PropagationTracker propagation) {
    this.plans = plans;
    this.keys = keys;
    this.ownAddresses = Set.copyOf(ownAddresses);
    this.clock = clock;
    this.propagation = propagation;
    this.probe = propagation == null ? null : new PropagationProbe(timer, this::submit, propagation);
    senders.allowCoreThreadTimeOut(true);
  }

  @Override
  public void committed(Committed change) {
    notifyAll(change.zone(), change.current());
  }

  /**
   * Sends NOTIFY for {@code version} of {@code zone} to every target of its plan, each on its own
   * task: targets are told in parallel, and one that does not answer delays no other.
   */
  public void notifyAll(Name zone, ZoneSnapshot version) {
    submit(() -> {
      NotifyPlan plan = plans.apply(zone);
      if (plan == null) {
        return;
      }
      Map<InetSocketAddress, Name> expanded = NotifyTargets.expand(plan, version, ownAddresses);
      if (expanded.isEmpty()) {
        return; // no map kept for a zone that notifies no one (most of 100,000 small zones)
      }
      Map<InetSocketAddress, Target> zoneTargets = targets.computeIfAbsent(zone, z -> new ConcurrentHashMap<>());
      for (Map.Entry<InetSocketAddress, Name> e : expanded.entrySet()) {
        Target t = zoneTargets.computeIfAbsent(e.getKey(), a -> new Target(zone, a));
        if (propagation != null) {
          propagation.expect(zone, e.getKey());
        }
        t.start(version, e.getValue(), clock.instant());
        submit(() -> attempt(t, version.serial()));
      }
    });
  }

  /** The latest NOTIFY status of every target of {@code zone}. */
  public List<NotifyStatus> status(Name zone) {
    List<NotifyStatus> out = new ArrayList<>();
    targets.getOrDefault(zone, Map.of()).values().forEach(t -> out.add(t.status()));
    return out;
  }

  private void attempt(Target t, long serial) {
    Target.Attempt a = t.beginAttempt(serial);
    if (a == null) {
      return; // superseded by a newer serial, or already settled
    }
    TsigKey key = a.key() == null ? null : keys.find(a.key());
    NotifyExchange.Outcome o = NotifyExchange.send(t.address, a.soa(), key, clock, TIMEOUT);
    String where = new HostPort(t.address.getAddress(), t.address.getPort()).toString();
    metrics.counter("tandem_notify_sent", "result", o.acknowledged() ? "ok" : o.rcode() >= 0 ? "error-rcode" : "no-answer").increment();
    if (o.acknowledged()) {
      t.settle(serial, NotifyState.ACKNOWLEDGED, null, clock.instant());
      if (probe != null) {
        probe.start(t.zone, t.address, serial);
      }
      log.info("notify out zone={} serial={} target={} key={} attempt={} result=ok rtt={}ms", t.zone, serial, where,
          keyName(a), a.number(), o.rttMillis());
    } else if (o.rcode() >= 0) {
      t.settle(serial, NotifyState.FAILED, "answered " + Rcode.string(o.rcode()), clock.instant());
      log.warn("notify out zone={} serial={} target={} key={} attempt={} result={} (not retried)", t.zone, serial, where,
          keyName(a), a.number(), Rcode.string(o.rcode()));
    } else if (a.number() >= MAX_ATTEMPTS) {
      t.settle(serial, NotifyState.FAILED, o.problem(), clock.instant());
      log.warn("notify out zone={} serial={} target={} key={} attempt={} result=failed ({}); giving up", t.zone, serial,
          where, keyName(a), a.number(), o.problem());
    } else {
      t.retrying(serial, o.problem(), clock.instant());
      long delay = Math.min(60, 2L << (a.number() - 1));
      log.debug("notify out zone={} serial={} target={} attempt={} result={}; retry in {}s", t.zone, serial, where,
          a.number(), o.problem(), delay);
      try {
        timer.schedule(() -> submit(() -> attempt(t, serial)), delay, TimeUnit.SECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.debug("notify out zone={} serial={} target={}: not retried, shutting down", t.zone, serial, where);
      }
    }
  }

  private static String keyName(Target.Attempt a) {
    return a.key() == null ? "-" : a.key().toString();
  }

  private void submit(Runnable task) {
    try {
      senders.execute(task);
    } catch (RejectedExecutionException e) {
      log.warn("NOTIFY queue full or stopped; a NOTIFY was dropped");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    senders.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One target of one zone: the serial being notified and how it is going. Thread-safe. */
  private static final class Target {
    record Attempt(org.xbill.DNS.SOARecord soa, Name key, int number) {}

    final Name zone;
    final InetSocketAddress address;
    private org.xbill.DNS.SOARecord soa;
    private Name key;
    private NotifyState state = NotifyState.PENDING;
    private Instant since;
    private int attempts;
    private String lastError;

    Target(Name zone, InetSocketAddress address) {
      this.zone = zone;
      this.address = address;
    }

    synchronized void start(ZoneSnapshot version, Name key, Instant now) {
      this.soa = version.soa();
      this.key = key;
      this.state = NotifyState.PENDING;
      this.since = now;
      this.attempts = 0;
      this.lastError = null;
    }

    synchronized Attempt beginAttempt(long serial) {
      if (soa == null || soa.getSerial() != serial || state == NotifyState.ACKNOWLEDGED || state == NotifyState.FAILED) {
        return null;
      }
      attempts++;
      return new Attempt(soa, key, attempts);
    }

    synchronized void retrying(long serial, String problem, Instant now) {
      if (soa.getSerial() == serial) {
        if (state != NotifyState.RETRYING) {
          since = now;
        }
        state = NotifyState.RETRYING;
        lastError = problem;
      }
    }

    synchronized void settle(long serial, NotifyState outcome, String problem, Instant now) {
      if (soa.getSerial() == serial) {
        state = outcome;
        since = now;
        lastError = problem;
      }
    }

    synchronized NotifyStatus status() {
      String target = new HostPort(address.getAddress(), address.getPort()).toString();
      return new NotifyStatus(target, key == null ? null : key.toString(), soa == null ? -1 : soa.getSerial(), state, since,
          attempts, lastError);
    }
  }
}
