package org.tandemdns.sync.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.events.Scheduler;
import org.tandemdns.store.StoreException;
import org.tandemdns.sync.Applied;
import org.tandemdns.sync.Applier;
import org.tandemdns.sync.PlanOptions;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.sync.SnapshotChanges;
import org.tandemdns.sync.SyncRunner;
import org.tandemdns.sync.TargetReport;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.SnapshotSource;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;

/**
 * Continuous push of one zone to one target, as a small state machine:
 *
 * <pre>
 *   committed change ──► PENDING ──push ok──► IN_SYNC ──every resync-interval──► full re-sync
 *                          │  ▲                  ▲                                  │
 *                     push fails                 └──────────── ok ──────────────────┘
 *                          ▼  │ retry (back-off), as a full re-sync
 *                        FAILING          a re-sync the safety checks refuse ──► REFUSED
 * </pre>
 *
 * <p>A change pushes only the RRsets it touched, replaced by the served version's (coalesced while
 * a push runs). A target that failed is retried with back-off, and when it answers again it gets
 * a full re-sync (plan + apply), since it may have lost or missed anything meanwhile; so does a
 * target whose content drifted, found by the periodic re-sync. The serial pushed and the serial
 * pending are kept in the store, so a restart resumes where it stopped.
 *
 * <p>Runs on the scheduler's workers, never on the thread that committed; one run at a time.
 */
final class PushTarget {
  private static final Logger log = LoggerFactory.getLogger(PushTarget.class);

  enum State { UNKNOWN, PENDING, IN_SYNC, FAILING, REFUSED }

  private final Name zone;
  private final Provider provider;
  private final Supplier<ZoneSnapshot> snapshot;
  private final PushState store;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration resyncInterval;
  private final PlanOptions options;
  private final SyncRunner runner;
  private final PushMetrics metrics;

  // guarded by this
  private final Set<RRsetKey> pendingKeys = new TreeSet<>();
  private boolean full;
  private boolean restoring = true;
  private boolean scheduled;
  private boolean running;
  private Scheduler.Scheduled resyncTimer;
  private State state = State.UNKNOWN;
  private int failures;
  private Long pushedSerial;
  private Instant pendingSince;
  private Instant lastAttempt;
  private Instant lastSuccess;
  private Instant nextAttempt;
  private String lastResult;
  private String lastError;

  PushTarget(Name zone, Provider provider, Supplier<ZoneSnapshot> snapshot, PushState store, Scheduler scheduler, Clock clock,
      Backoff backoff, Duration resyncInterval, PlanOptions options, SyncRunner runner, PushMetrics metrics) {
    this.zone = zone;
    this.provider = provider;
    this.snapshot = snapshot;
    this.store = store;
    this.scheduler = scheduler;
    this.clock = clock;
    this.backoff = backoff;
    this.resyncInterval = resyncInterval;
    this.options = options;
    this.runner = runner;
    this.metrics = metrics;
  }

  /** A version was served without a diff (start-up, a zone's first version): check or re-sync the target. */
  synchronized void versionServed() {
    full = true;
    markPending();
    scheduleRun(clock.instant());
  }

  /** A change touching {@code keys} was committed. */
  synchronized void changed(Set<RRsetKey> keys) {
    pendingKeys.addAll(keys);
    markPending();
    scheduleRun(clock.instant());
  }

  /** The periodic re-sync is due. */
  private synchronized void resyncDue() {
    full = true;
    scheduleRun(clock.instant());
  }

  private void markPending() {
    if (pendingSince == null) {
      pendingSince = clock.instant();
    }
    if (state == State.IN_SYNC || state == State.UNKNOWN) {
      state = State.PENDING;
    }
  }

  private void scheduleRun(Instant at) {
    if (!scheduled && !running) {
      scheduled = true;
      scheduler.schedule(at, this::run);
    }
  }

  private void run() {
    Set<RRsetKey> keys;
    boolean doFull;
    boolean restore;
    synchronized (this) {
      scheduled = false;
      running = true;
      keys = new TreeSet<>(pendingKeys);
      pendingKeys.clear();
      doFull = full;
      full = false;
      restore = restoring;
      restoring = false;
      lastAttempt = clock.instant();
    }
    Outcome o;
    ZoneSnapshot s = snapshot.get();
    try {
      o = s == null ? Outcome.ok("the zone has no data yet", null) : push(s, keys, doFull, restore);
    } catch (RuntimeException e) {
      log.error("push zone={} target={}: unexpected failure", zone, provider.name(), e);
      o = Outcome.failed("unexpected error: " + e);
    }
    finish(o);
  }

  private Outcome push(ZoneSnapshot s, Set<RRsetKey> keys, boolean doFull, boolean restore) {
    String target = provider.name();
    if (restore) {
      try {
        PushState.Saved saved = store.read(zone, target);
        if (saved.pending().isEmpty() && saved.pushed().isPresent() && saved.pushed().getAsLong() == s.serial()) {
          log.info("push zone={} target={} serial={} result=in-sync (pushed before the restart)", zone, target, s.serial());
          return Outcome.ok("pushed before the restart", s.serial());
        }
      } catch (StoreException e) {
        log.warn("push zone={} target={}: cannot read the saved state ({}); re-syncing", zone, target, e.getMessage());
      }
    }
    persistPending(s.serial());
    long start = System.nanoTime();
    Outcome o = doFull || restore ? fullSync(s) : incremental(s, keys);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (o.error == null) {
      log.info("push zone={} target={} serial={} kind={} result=ok ({}) ms={}", zone, target, s.serial(),
          doFull || restore ? "re-sync" : "incremental", o.result, ms);
    } else {
      log.warn("push zone={} target={} serial={} kind={} result={} error=\"{}\" ms={}", zone, target, s.serial(),
          doFull || restore ? "re-sync" : "incremental", o.refused ? "refused" : "failed", o.error, ms);
    }
    return o;
  }

  private Outcome incremental(ZoneSnapshot s, Set<RRsetKey> keys) {
    List<RRsetChange> changes = SnapshotChanges.of(s, keys, provider::supports);
    if (changes.isEmpty()) {
      return Outcome.ok("nothing to push", s.serial());
    }
    Applied a = Applier.apply(provider, zone, changes, OptionalLong.empty());
    if (!a.complete()) {
      return Outcome.failed(a.error().orElseThrow());
    }
    return Outcome.ok(a.changesDone() + " change" + (a.changesDone() == 1 ? "" : "s"), s.serial());
  }

  private Outcome fullSync(ZoneSnapshot s) {
    SyncRunner.Settings settings = new SyncRunner.Settings(true, false, false, null, false, Duration.ofSeconds(1), 1);
    TargetReport r = runner.target(zone, SnapshotSource.content(s), provider, options, settings);
    return switch (r.status()) {
      case IN_SYNC -> Outcome.ok("re-sync: in sync", s.serial());
      case APPLIED, NOT_SERVED -> Outcome.ok("re-sync: " + r.plan().changes().size()
          + (r.plan().changes().size() == 1 ? " change" : " changes"), s.serial());
      case REFUSED -> Outcome.refused("re-sync refused: " + r.plan().refusal().orElseThrow()
          + " (apply it by hand: tandem sync apply --force)");
      default -> Outcome.failed(r.error() != null ? r.error() : r.applied().error().orElse("failed"));
    };
  }

  private void persistPending(long serial) {
    try {
      store.pending(zone, provider.name(), serial);
    } catch (StoreException e) {
      log.warn("push zone={} target={}: cannot save the pending serial: {}", zone, provider.name(), e.getMessage());
    }
  }

  private void finish(Outcome o) {
    if (o.error == null && o.serial != null) {
      try {
        store.pushed(zone, provider.name(), o.serial);
      } catch (StoreException e) {
        log.warn("push zone={} target={}: cannot save the pushed serial: {}", zone, provider.name(), e.getMessage());
      }
    }
    synchronized (this) {
      running = false;
      Instant now = clock.instant();
      lastResult = o.error == null ? o.result : lastResult;
      if (o.error == null) {
        failures = 0;
        nextAttempt = null;
        lastError = null;
        lastSuccess = now;
        if (o.serial != null) {
          pushedSerial = o.serial;
        }
        boolean more = !pendingKeys.isEmpty() || full;
        state = more ? State.PENDING : State.IN_SYNC;
        pendingSince = more ? pendingSince : null;
        if (more) {
          scheduleRun(now);
        }
      } else if (o.refused) {
        state = State.REFUSED;
        lastError = o.error;
        full = true;
      } else {
        failures++;
        state = State.FAILING;
        lastError = o.error;
        full = true;
        nextAttempt = now.plus(backoff.after(failures));
        scheduleRun(nextAttempt);
      }
      if (resyncTimer != null) {
        resyncTimer.cancel();
      }
      resyncTimer = scheduler.schedule(now.plus(resyncInterval), this::resyncDue);
      metrics.recorded(this, o.error == null ? "ok" : o.refused ? "refused" : "failed");
    }
  }

  synchronized void stop() {
    if (resyncTimer != null) {
      resyncTimer.cancel();
    }
  }

  synchronized PushStatus status() {
    return new PushStatus(zone.toString(), provider.name(), provider.describe(), state.name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-'), pushedSerial, pendingSince, lastAttempt, lastSuccess, failures, nextAttempt, lastResult, lastError);
  }

  synchronized State state() {
    return state;
  }

  synchronized int failures() {
    return failures;
  }

  synchronized Instant lastSuccess() {
    return lastSuccess;
  }

  Name zone() {
    return zone;
  }

  String target() {
    return provider.name();
  }

  /** How one run ended. */
  private record Outcome(String result, Long serial, String error, boolean refused) {
    static Outcome ok(String result, Long serial) {
      return new Outcome(result, serial, null, false);
    }

    static Outcome failed(String error) {
      return new Outcome(null, null, error, false);
    }

    static Outcome refused(String error) {
      return new Outcome(null, null, error, true);
    }
  }
}
