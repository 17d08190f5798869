package org.tandemdns.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.ResignOutcome;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.config.HostPort;
import org.tandemdns.dnssec.KeyRollover;
import org.tandemdns.dnssec.SigningKey;
import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.store.Actor;
import org.tandemdns.store.StoreException;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneSnapshot;
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
 *
 * <p>Each run first moves the zone's keys on ({@link KeyRollover}): it starts the rollovers whose
 * key lifetime is over and, while a KSK or CSK rollover waits for its DS, asks the parent agents
 * every ds-check-interval ({@link ParentDsCheck}); the run after is then also due at the next key
 * event (a key published, active, retired or removed) and at the next DS check, to the second.
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
  private final Map<Name, Instant> nextDsChecks = new ConcurrentHashMap<>();
  private final Map<Name, DsWait> dsWaits = new ConcurrentHashMap<>();
  private final Function<Name, List<HostPort>> parentAgents;
  private final ParentDsCheck dsCheck;

  /** What a KSK/CSK rollover waiting for its DS has heard from the parent so far. */
  public record DsWait(int keyTag, Instant since, Instant lastCheck, List<String> problems) {
    /** The key tag of a wait for the parent to delete the DS (going insecure). */
    public static final int REMOVAL = -1;
  }

  public SigningSchedule(ChangePipeline pipeline, Scheduler scheduler, Clock clock, Function<Name, ServedZone> zones,
      Function<Name, ZoneChangePolicy> policies) {
    this(pipeline, scheduler, clock, zones, policies, z -> List.of(), null);
  }

  /** As above, asking {@code parentAgents} of a zone by {@code dsCheck} during KSK and CSK rollovers. */
  public SigningSchedule(ChangePipeline pipeline, Scheduler scheduler, Clock clock, Function<Name, ServedZone> zones,
      Function<Name, ZoneChangePolicy> policies, Function<Name, List<HostPort>> parentAgents, ParentDsCheck dsCheck) {
    this.pipeline = pipeline;
    this.scheduler = scheduler;
    this.clock = clock;
    this.zones = zones;
    this.policies = policies;
    this.parentAgents = parentAgents;
    this.dsCheck = dsCheck;
  }

  /** A run of {@code zone} now (after a rollover was asked for, or the DS confirmed). */
  public void runNow(Name zone) {
    nextDsChecks.remove(zone);
    scheduleAt(zone, clock.instant());
  }

  /** The KSK/CSK rollover of {@code zone} that waits for its DS at the parent, or null. */
  public DsWait dsWait(Name zone) {
    return dsWaits.get(zone);
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
    nextDsChecks.remove(zone);
    dsWaits.remove(zone);
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
    ZoneSigner signer = policy.signer();
    ZoneSnapshot snapshot = served.snapshot();
    if (snapshot == null) { // a secondary signed here before its first transfer: nothing to sign yet
      scheduleAt(zone, now.plus(MIN_WAIT));
      return;
    }
    try {
      synchronized (signer) {
        advanceKeys(zone, snapshot, signer, now);
      }
      ResignOutcome o = pipeline.resign(served, policy, BATCH, "re-signing", Actor.internal("signer", "re-signing"));
      if (o.committed()) {
        log.info("zone {}: re-signing made {} signatures{}", zone, o.signaturesMade(),
            o.deferred() > 0 ? ", " + o.deferred() + " more in the next batch" : "");
      }
      Instant at = next(now, o);
      for (Instant t : new Instant[] {signer.nextKeyEvent(), dsWaits.containsKey(zone) ? nextDsChecks.get(zone) : null}) {
        if (t != null && t.isBefore(at)) {
          at = t.isAfter(now) ? t : now.plus(NEXT_BATCH);
        }
      }
      scheduleAt(zone, at);
    } catch (java.io.IOException e) {
      log.error("zone {}: cannot write its key list, trying again in {} min: {}", zone, AFTER_FAILURE.toMinutes(),
          e.getMessage());
      scheduleAt(zone, now.plus(AFTER_FAILURE));
    } catch (ChangeRejectedException | StoreException | RuntimeException e) {
      log.error("zone {}: re-signing failed, trying again in {} min: {}", zone, AFTER_FAILURE.toMinutes(), e.getMessage());
      scheduleAt(zone, now.plus(AFTER_FAILURE));
    }
  }

  /**
   * Starts the rollovers that are due and, while a KSK or CSK rollover waits for its DS at the
   * parent (or a zone going insecure for the DS to be deleted), asks the parent agents every
   * ds-check-interval. The parent's answer moves the keys on; no answer yet is logged at each
   * check, as a WARN once the wait is longer than a day. The zone's largest TTL (a walk of the
   * zone) is computed only when a step needs it.
   */
  private void advanceKeys(Name zone, ZoneSnapshot snapshot, ZoneSigner signer, Instant clockNow)
      throws java.io.IOException {
    Instant now = signer.keyTime(clockNow);
    Supplier<Duration> maxTtl = () -> ZoneSigner.maxTtl(snapshot);
    signer.apply(KeyRollover.due(signer.keys(), signer.policy(), now, maxTtl));
    boolean removal = KeyRollover.awaitingDsRemoval(signer.keys(), signer.policy(), now);
    SigningKey waiting = removal ? null : KeyRollover.awaitingDs(signer.keys(), now);
    if (!removal && waiting == null) {
      dsWaits.remove(zone);
      nextDsChecks.remove(zone);
      return;
    }
    int tag = removal ? DsWait.REMOVAL : waiting.tag();
    DsWait wait = dsWaits.get(zone);
    if (wait == null || wait.keyTag() != tag) {
      wait = new DsWait(tag, removal ? now : waiting.times().active(), null, List.of());
      dsWaits.put(zone, wait);
    }
    String what = removal ? "going insecure: CDS and CDNSKEY ask the parent to delete the DS"
        : waiting.role() + " rollover: " + waiting.role() + " " + waiting.tag() + " is ready, its DS (tandem dnssec ds) is"
            + " to reach the parent";
    List<HostPort> agents = parentAgents.apply(zone);
    if (agents.isEmpty() || dsCheck == null) {
      if (wait.lastCheck() == null) {
        log.info("zone {}: {}; once it has, confirm with 'tandem dnssec ds-seen {}' (no parent-agents to ask)", zone,
            what, zone);
        dsWaits.put(zone, new DsWait(tag, wait.since(), now, List.of("no parent-agents configured")));
      }
      return;
    }
    Instant due = nextDsChecks.get(zone);
    if (due != null && now.isBefore(due)) {
      return;
    }
    nextDsChecks.put(zone, now.plus(signer.policy().dsCheckInterval()));
    ParentDsCheck.Result r = removal ? dsCheck.checkRemoved(zone, agents) : dsCheck.check(zone, waiting, agents);
    if (!r.seen()) {
      dsWaits.put(zone, new DsWait(tag, wait.since(), now, r.problems()));
      boolean longWait = Duration.between(wait.since(), now).compareTo(Duration.ofDays(1)) > 0;
      String text = "zone {}: {}; waiting since {}: {}";
      if (longWait) {
        log.warn(text, zone, what, wait.since(), String.join("; ", r.problems()));
      } else {
        log.info(text, zone, what, wait.since(), String.join("; ", r.problems()));
      }
      return;
    }
    try {
      signer.apply(removal ? KeyRollover.dsRemoved(signer.keys(), signer.policy(), now, signer.policy().dsTtl())
          : KeyRollover.dsSeen(signer.keys(), signer.policy(), now, r.dsTtl(), maxTtl));
    } catch (KeyRollover.RolloverException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    dsWaits.remove(zone);
    nextDsChecks.remove(zone);
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
