package org.tandemdns.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.ResignOutcome;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.store.StoreException;
import org.tandemdns.zone.ServedZone;
import org.xbill.DNS.Name;

/**
 * Re-signing of the zones Tandem signs, as events on the scheduler (so an injected clock drives it
 * in tests). Each run renews at most {@link #BATCH} still-valid signatures, earliest expiry first,
 * through {@link ChangePipeline#resign}, so a big zone is re-signed in steps, each a small IXFR:
 *
 * <pre>
 *   start ──► run ──┬─ signatures left for a later batch ──► run again in 1 s
 *                   ├─ done ──► run again when the next signature comes due,
 *                   │           no sooner than 1 min and no later than 1 h
 *                   └─ failed (store, keys) ──► ERROR logged, run again in 5 min
 * </pre>
 *
 * The hourly ceiling is what makes a clock jump harmless: after one, the next run sees the
 * signatures against the new time (inception in the future, or close to expiry) and renews them.
 * The first run comes at start-up, so a restart after a long stop re-signs before anything expires.
 */
public final class SigningSchedule {
  private static final Logger log = LoggerFactory.getLogger(SigningSchedule.class);
  /** Most still-valid signatures renewed in one run. */
  public static final int BATCH = 10_000;
  static final Duration NEXT_BATCH = Duration.ofSeconds(1);
  static final Duration MIN_WAIT = Duration.ofMinutes(1);
  static final Duration MAX_WAIT = Duration.ofHours(1);
  static final Duration AFTER_FAILURE = Duration.ofMinutes(5);

  private final ChangePipeline pipeline;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Function<Name, ServedZone> zones;
  private final Function<Name, ZoneChangePolicy> policies;
  private final Map<Name, Scheduler.Scheduled> pending = new ConcurrentHashMap<>();
  private final Map<Name, Instant> nextRuns = new ConcurrentHashMap<>();

  public SigningSchedule(ChangePipeline pipeline, Scheduler scheduler, Clock clock, Function<Name, ServedZone> zones,
      Function<Name, ZoneChangePolicy> policies) {
    this.pipeline = pipeline;
    this.scheduler = scheduler;
    this.clock = clock;
    this.zones = zones;
    this.policies = policies;
  }

  /** Starts re-signing {@code zone}: a first run at once. */
  public void start(Name zone) {
    scheduleAt(zone, clock.instant());
  }

  public void stop(Name zone) {
    Scheduler.Scheduled s = pending.remove(zone);
    if (s != null) {
      s.cancel();
    }
    nextRuns.remove(zone);
  }

  /** When the next run of {@code zone} is due, or null when it has none. */
  public Instant nextRun(Name zone) {
    return nextRuns.get(zone);
  }

  private void scheduleAt(Name zone, Instant at) {
    nextRuns.put(zone, at);
    Scheduler.Scheduled old = pending.put(zone, scheduler.schedule(at, () -> run(zone)));
    if (old != null) {
      old.cancel();
    }
  }

  void run(Name zone) {
    ServedZone served = zones.apply(zone);
    ZoneChangePolicy policy = policies.apply(zone);
    if (served == null || policy == null || policy.signer() == null) {
      pending.remove(zone);
      nextRuns.remove(zone);
      return;
    }
    Instant now = clock.instant();
    try {
      ResignOutcome o = pipeline.resign(served, policy, BATCH, "re-signing");
      if (o.committed()) {
        log.info("zone {}: re-signing made {} signatures{}", zone, o.signaturesMade(),
            o.deferred() > 0 ? ", " + o.deferred() + " more in the next batch" : "");
      }
      scheduleAt(zone, next(now, o));
    } catch (ChangeRejectedException | StoreException | RuntimeException e) {
      log.error("zone {}: re-signing failed, trying again in {} min: {}", zone, AFTER_FAILURE.toMinutes(), e.getMessage());
      scheduleAt(zone, now.plus(AFTER_FAILURE));
    }
  }

  static Instant next(Instant now, ResignOutcome o) {
    if (o.deferred() > 0) {
      return now.plus(NEXT_BATCH);
    }
    Instant earliest = now.plus(MIN_WAIT);
    Instant latest = now.plus(MAX_WAIT);
    Instant due = o.nextRefresh() == null ? latest : o.nextRefresh();
    return due.isBefore(earliest) ? earliest : due.isAfter(latest) ? latest : due;
  }
}
