package org.tandemdns.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.config.Remote;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.logging.StartupLines;
import org.tandemdns.store.Actor;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.StoredSnapshots;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.xfr.PrimaryClient;
import org.tandemdns.xfr.PrimaryClient.InboundTransfer;
import org.tandemdns.xfr.PrimaryClient.SoaProbe;
import org.tandemdns.zone.SerialNumber;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The refresh state machine of one secondary zone (RFC 1034 §4.3.5, RFC 1996 §4, RFC 1995,
 * RFC 5936, RFC 7314), after Knot's {@code events/handlers/refresh.c}:
 *
 * <pre>
 *   refresh timer / NOTIFY with a newer serial / API "refresh now"
 *        |
 *        v
 *   [SOA query to primary P] --no answer--> next primary --none left--> [retry at RETRY + jitter]
 *        | answer
 *        +--- serial not newer (RFC 1982) ------------------------------------> [up to date]
 *        | newer                                                                      |
 *        v                                                                            |
 *   [IXFR over TCP] --NOTIMP, FORMERR, no IXFR, diff does not apply--> [AXFR over TCP]  |
 *        | diffs                           | AXFR-style answer              | zone      |
 *        v                                 v                                v           |
 *   [validate, commit through the change pipeline: persist, swap, NOTIFY our own downstream]
 *        |                                                                            |
 *        +--------------------------------------------------------------------------->+
 *                                                                                      v
 *                         next refresh at REFRESH; expire deadline at EXPIRE (or EDNS EXPIRE)
 *
 *   expire deadline passes with no successful refresh --> answer SERVFAIL until one succeeds
 * </pre>
 *
 * Primaries are tried in order starting with the one that worked last; one that fails is skipped
 * until its retry interval passes. A NOTIFY during a refresh is remembered and causes one more
 * refresh after it (bursts coalesce). The expire deadline and the last good primary are persisted,
 * so a restart neither resets nor forgets them. All work runs on the scheduler's workers.
 */
public final class SecondaryZone {
  private static final Logger log = LoggerFactory.getLogger(SecondaryZone.class);
  static final String EXPIRE_AT = "expire-at";
  static final String LAST_PRIMARY = "last-primary";
  static final String LAST_SUCCESS = "last-success";
  /** The primary's serial of the version last transferred, for a zone Tandem signs (its own serial differs). */
  static final String UPSTREAM_SERIAL = "upstream-serial";
  /** Retry interval before the zone has ever been transferred (no SOA RETRY to read yet). */
  static final Duration FIRST_RETRY = Duration.ofSeconds(10);

  private final ZoneConfig config;
  private final ServedZone served;
  private final ChangePipeline pipeline;
  private final ZoneStore store;
  private final PrimaryClient client;
  private final Scheduler scheduler;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<Remote, Instant> failingUntil = new ConcurrentHashMap<>();
  private final java.util.function.Supplier<ZoneChangePolicy> policy;
  /**
   * A zone Tandem signs as it receives it ("front-signing"): the primary's serial of the version
   * last transferred. Refreshes and NOTIFYs compare with it, not with the served serial, which
   * re-signing moves on by itself; null when not signing or nothing was transferred yet.
   */
  private volatile Long upstreamSerial;

  private boolean running;
  private boolean again;
  private volatile boolean stopped;
  private Scheduler.Scheduled refreshTask;
  private Scheduler.Scheduled expireTask;
  private Instant nextRefresh;
  private Instant expireAt;
  private Instant lastAttempt;
  private Instant lastSuccess;
  private String lastResult = "not refreshed yet";
  private Remote lastGood;
  private long failures;
  private long timersSequence;
  /** The stored copy had unreadable records: the next refresh is an AXFR stored whole, even at the same serial. */
  private volatile boolean repairPending;
  /** Serialises timer writes to the store; never held with {@code this}'s lock by a network thread. */
  private final Object persistLock = new Object();
  private long persistedSequence;

  public SecondaryZone(ZoneConfig config, ServedZone served, ChangePipeline pipeline, ZoneStore store,
      PrimaryClient client, Scheduler scheduler, Clock clock, RandomGenerator random) {
    this(config, served, pipeline, store, client, scheduler, clock, random,
        () -> new ZoneChangePolicy(config.serialPolicy(), config.journalRetention()));
  }

  /**
   * As above, each transfer committed by {@code policy}: with a signer in it, Tandem signs what it
   * receives before serving it (the zone has a {@code dnssec} policy): every refresh is an AXFR,
   * signed as a whole, and the serial served is the primary's while it is newer than the served
   * one, else the next by the zone's serial-policy (re-signing moves the served serial on).
   */
  public SecondaryZone(ZoneConfig config, ServedZone served, ChangePipeline pipeline, ZoneStore store,
      PrimaryClient client, Scheduler scheduler, Clock clock, RandomGenerator random,
      java.util.function.Supplier<ZoneChangePolicy> policy) {
    this.policy = policy;
    this.config = config;
    this.served = served;
    this.pipeline = pipeline;
    this.store = store;
    this.client = client;
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
  }

  public Name name() {
    return config.name();
  }

  /** Serves the stored copy at once (unless expired), restores the timers, and refreshes now. */
  public void start() throws StoreException {
    start(new StartupLines());
  }

  /** As {@link #start()}, its "serving the stored copy" line logged as {@code lines} says. */
  public synchronized void start(StartupLines lines) throws StoreException {
    Map<String, String> state = store.state(name());
    List<String> unreadable = new ArrayList<>();
    Optional<ZoneSnapshot> stored = StoredSnapshots.read(store, name(), unreadable);
    if (stored.isPresent() && !unreadable.isEmpty()) {
      repairPending = true;
      log.warn("zone {}: the stored copy lost {} unreadable record(s); the next refresh transfers the zone whole (AXFR)"
          + " to repair it, whatever the primary's serial", name(), unreadable.size());
    }
    lastGood = primaryNamed(state.get(LAST_PRIMARY));
    String upstream = state.get(UPSTREAM_SERIAL);
    upstreamSerial = upstream == null || config.dnssec() == null ? null : Long.valueOf(upstream);
    lastSuccess = instant(state.get(LAST_SUCCESS));
    expireAt = instant(state.get(EXPIRE_AT));
    if (stored.isPresent()) {
      if (expireAt == null) {
        expireAt = clock.instant().plusSeconds(stored.get().soa().getExpire());
      }
      boolean expired = !clock.instant().isBefore(expireAt);
      served.markExpired(expired);
      pipeline.restore(served, stored.get(), "startup", !expired);
      lines.zone(log, "zone {}: serving the stored copy, serial {}{}", name(), stored.get().serial(),
          expired ? " - EXPIRED at " + expireAt + ", answering SERVFAIL until a refresh succeeds" : ", expires " + expireAt);
      scheduleExpire();
    }
    scheduleRefresh(clock.instant());
  }

  /**
   * A NOTIFY arrived (RFC 1996 §4.7): schedules a refresh unless its serial is known and not newer
   * than ours. Returns false when it was ignored for that reason. Never blocks.
   *
   * @param serial the SOA serial in the NOTIFY, or -1 when it had none
   */
  public synchronized boolean notified(long serial, String from) {
    ZoneSnapshot current = served.snapshot();
    Long ours = current == null ? null : ourSerial(current);
    if (serial >= 0 && ours != null && !served.expired() && !SerialNumber.isNewer(serial, ours)) {
      log.info("notify in zone={} serial={} from={} result=ignored (we have serial {})", name(), serial, from, ours);
      return false;
    }
    log.info("notify in zone={} serial={} from={} result=refresh scheduled", name(), serial < 0 ? "-" : serial, from);
    refreshNow();
    return true;
  }

  /** Refreshes as soon as possible; during a refresh, once more right after it. */
  public synchronized void refreshNow() {
    if (running) {
      again = true;
      return;
    }
    scheduleRefresh(clock.instant());
  }

  /**
   * Transfers the whole zone (AXFR) as soon as possible, whatever the serials, and stores it whole
   * (BIND's {@code rndc retransfer}, Knot's {@code zone-retransfer}).
   */
  public void retransferNow() {
    repairPending = true;
    log.info("zone {}: full transfer (AXFR) asked for; it starts now", name());
    refreshNow();
  }

  /** Cancels every timer; a refresh in progress finishes but schedules nothing more, and persists no timer after this returns. */
  public void stop() {
    synchronized (this) {
      stopped = true;
      if (refreshTask != null) {
        refreshTask.cancel();
      }
      if (expireTask != null) {
        expireTask.cancel();
      }
    }
    synchronized (persistLock) {
      // a timer write under way has ended; none starts after this (persist reads stopped)
    }
  }

  /**
   * Forgets the refresh timers kept for {@code zone} (expiry, last good primary, last success): for
   * a zone that stops being a secondary, or becomes one again, so that old timers never expire it.
   */
  public static void forgetRefreshState(ZoneStore store, Name zone) throws StoreException {
    for (String key : List.of(EXPIRE_AT, LAST_PRIMARY, LAST_SUCCESS, UPSTREAM_SERIAL)) {
      store.putState(zone, key, null);
    }
  }

  /** A snapshot of this zone's refresh state, for the status API and logs. */
  public synchronized SecondaryStatus status() {
    List<SecondaryStatus.PrimaryState> primaries = new ArrayList<>();
    Instant now = clock.instant();
    for (Remote p : config.primaries()) {
      Instant until = failingUntil.get(p);
      primaries.add(new SecondaryStatus.PrimaryState(p.toString(), p.equals(lastGood), until != null && until.isAfter(now) ? until : null));
    }
    return new SecondaryStatus(lastAttempt, lastSuccess, lastResult, nextRefresh, expireAt, served.expired(), running, primaries,
        failures);
  }

  private void scheduleRefresh(Instant at) {
    if (stopped) {
      return;
    }
    if (refreshTask != null) {
      refreshTask.cancel();
    }
    nextRefresh = at;
    refreshTask = scheduler.schedule(at, this::refresh);
  }

  private void scheduleExpire() {
    served.setExpiresAt(expireAt);
    if (stopped) {
      return;
    }
    if (expireTask != null) {
      expireTask.cancel();
    }
    if (expireAt != null) {
      expireTask = scheduler.schedule(expireAt, this::expireIfDue);
    }
  }

  /** One refresh, start to end, on a worker thread. */
  void refresh() {
    synchronized (this) {
      if (running) {
        again = true;
        return;
      }
      running = true;
      lastAttempt = clock.instant();
    }
    Outcome outcome;
    try {
      outcome = tryPrimaries();
    } catch (RuntimeException e) {
      log.error("zone {}: refresh failed unexpectedly", name(), e);
      outcome = Outcome.failed("internal error: " + e);
    }
    Timers timers;
    synchronized (this) {
      running = false;
      timers = finish(outcome);
      if (again) {
        again = false;
        scheduleRefresh(clock.instant());
      }
    }
    persist(timers); // outside the lock: a NOTIFY (on a network thread) must never wait for the store
  }

  /** Tries each primary until one gives an answer we can use. */
  private Outcome tryPrimaries() {
    List<String> problems = new ArrayList<>();
    for (Remote primary : order()) {
      Outcome o = refreshFrom(primary);
      if (o.ok) {
        failingUntil.remove(primary);
        lastGood = primary;
        return o;
      }
      problems.add(primary + ": " + o.message);
      failingUntil.put(primary, clock.instant().plus(retryInterval()));
    }
    return Outcome.failed(String.join("; ", problems));
  }

  /** The last good primary first, then the others in order; those failing recently go last. */
  private List<Remote> order() {
    List<Remote> ready = new ArrayList<>();
    List<Remote> failing = new ArrayList<>();
    Instant now = clock.instant();
    List<Remote> all = new ArrayList<>(config.primaries());
    if (lastGood != null && all.remove(lastGood)) {
      all.add(0, lastGood);
    }
    for (Remote p : all) {
      Instant until = failingUntil.get(p);
      (until != null && until.isAfter(now) ? failing : ready).add(p);
    }
    ready.addAll(failing);
    return ready;
  }

  private Outcome refreshFrom(Remote primary) {
    SoaProbe probe = client.querySoa(name(), primary);
    if (probe instanceof SoaProbe.Failure f) {
      return Outcome.failed("SOA query: " + f.reason());
    }
    SoaProbe.Answer answer = (SoaProbe.Answer) probe;
    ZoneSnapshot current = served.snapshot();
    long remote = answer.soa().getSerial();
    Long ours = current == null ? null : ourSerial(current);
    if (repairPending && ours != null && !SerialNumber.isNewer(ours, remote)) {
      return repair(primary, answer.ednsExpire());
    }
    if (ours != null && !SerialNumber.isNewer(remote, ours)) {
      if (SerialNumber.isNewer(ours, remote)) {
        log.warn("zone {}: primary {} has serial {}, older than ours ({}); keeping ours", name(), primary, remote, ours);
      }
      return Outcome.ok("up to date at serial " + ours + " (primary " + primary + " has " + remote + ")",
          current.soa(), answer.ednsExpire());
    }
    if (signing()) {
      // signed here: the served version is not the primary's, so an IXFR from it cannot apply
      return commit(primary, client.transfer(name(), primary, null, true, config.transferLimits()), answer.ednsExpire());
    }
    InboundTransfer t = client.transfer(name(), primary, current, current == null, config.transferLimits());
    if (t instanceof InboundTransfer.Failure f && f.tryAxfr() && current != null) {
      log.info("zone {}: IXFR from {} failed ({}); falling back to AXFR", name(), primary, f.reason());
      t = client.transfer(name(), primary, current, true, config.transferLimits());
    }
    Outcome o = commit(primary, t, answer.ednsExpire());
    if (!o.ok && o.retryWithAxfr && current != null) {
      log.info("zone {}: the IXFR from {} does not apply ({}); falling back to AXFR", name(), primary, o.message);
      o = commit(primary, client.transfer(name(), primary, current, true, config.transferLimits()), answer.ednsExpire());
    }
    return o;
  }

  /** AXFR from {@code primary}, stored whole: the repair of a stored copy that lost unreadable records. */
  private Outcome repair(Remote primary, Duration ednsExpire) {
    InboundTransfer t = client.transfer(name(), primary, null, true, config.transferLimits());
    if (!(t instanceof InboundTransfer.Full full)) {
      return Outcome.failed("repair AXFR: " + (t instanceof InboundTransfer.Failure f ? f.reason() : "no full zone"));
    }
    try {
      pipeline.repair(served, full.snapshot(), "secondary", "repair AXFR from " + primary);
    } catch (StoreException e) {
      return Outcome.failed("store: " + e.getMessage());
    }
    repairPending = false;
    return Outcome.ok("repaired by AXFR from " + primary + " at serial " + full.snapshot().serial(), full.snapshot().soa(),
        ednsExpire);
  }

  /** True when Tandem signs this zone as it receives it. */
  private boolean signing() {
    return config.dnssec() != null;
  }

  /** The serial refreshes compare with: the primary's last one for a zone signed here, else the served one. */
  private Long ourSerial(ZoneSnapshot current) {
    return signing() ? upstreamSerial : Long.valueOf(current.serial());
  }

  /** The audit history's author of a transfer in: the primary it came from. */
  private static Actor transferActor(String kind, Remote primary) {
    return new Actor("transfer", kind + " from " + primary, primary.address().address().getHostAddress());
  }

  private Outcome commit(Remote primary, InboundTransfer t, Duration ednsExpire) {
    ZoneChangePolicy policy = this.policy.get();
    if (signing() && policy.signer() == null && !(t instanceof InboundTransfer.Failure)) {
      // never serve the primary's unsigned version of a zone that is to be signed (its DS may be at the parent)
      return Outcome.failed("zone " + name() + " is to be signed by Tandem but cannot be (its keys are unusable; see the"
          + " log); the transfer from " + primary + " is not served");
    }
    try {
      if (t instanceof InboundTransfer.UpToDate u) {
        ZoneSnapshot current = served.snapshot();
        return Outcome.ok("up to date (IXFR answered with serial " + u.soa().getSerial() + ")",
            current == null ? u.soa() : current.soa(), ednsExpire);
      }
      if (t instanceof InboundTransfer.Incremental inc) {
        var r = pipeline.applyDiffs(served, inc.diffs(), policy, "secondary", "IXFR from " + primary, transferActor("IXFR", primary));
        return Outcome.ok("IXFR from " + primary + " to serial " + r.serial(), served.snapshot().soa(), ednsExpire);
      }
      if (t instanceof InboundTransfer.Full full) {
        var r = pipeline.replace(served, full.snapshot(), policy, "secondary", "", "AXFR from " + primary,
            transferActor("AXFR", primary));
        if (signing()) {
          upstreamSerial = full.snapshot().serial();
          store.putState(name(), UPSTREAM_SERIAL, String.valueOf(upstreamSerial));
          return Outcome.ok((r.changed() ? "AXFR from " + primary + " (serial " + upstreamSerial + "), signed as serial "
              : "AXFR from " + primary + ", unchanged at serial ") + r.serial(), served.snapshot().soa(), ednsExpire);
        }
        return Outcome.ok((r.changed() ? "AXFR from " + primary + " to serial " : "AXFR from " + primary + ", unchanged at serial ")
            + r.serial(), served.snapshot().soa(), ednsExpire);
      }
      InboundTransfer.Failure f = (InboundTransfer.Failure) t;
      return Outcome.failed("transfer: " + f.reason());
    } catch (ChangeRejectedException e) {
      Outcome o = Outcome.failed("rejected: " + e.getMessage());
      o.retryWithAxfr = t instanceof InboundTransfer.Incremental;
      return o;
    } catch (StoreException e) {
      return Outcome.failed("store: " + e.getMessage());
    }
  }

  /** The timers to persist after a refresh, numbered so that an older write never lands after a newer one. */
  private record Timers(long sequence, Instant expireAt, Remote lastGood, Instant lastSuccess) {}

  /** Timers after a refresh (RFC 1034 §4.3.5), returned to be persisted so a restart keeps them. */
  private Timers finish(Outcome o) {
    Instant now = clock.instant();
    lastResult = o.message;
    if (o.ok) {
      lastSuccess = now;
      Duration expire = o.ednsExpire != null ? o.ednsExpire : Duration.ofSeconds(o.soa.getExpire());
      expireAt = now.plus(expire);
      if (served.expired()) {
        log.info("zone {}: refreshed after it had expired; serving again", name());
      }
      served.markExpired(false);
      scheduleRefresh(now.plus(config.timers().refresh(o.soa.getRefresh())));
      scheduleExpire();
      log.info("zone {}: refresh ok: {}; next refresh {}, expires {}", name(), o.message, nextRefresh, expireAt);
    } else {
      failures++;
      Instant retryAt = now.plus(jittered(retryInterval()));
      scheduleRefresh(retryAt);
      log.warn("zone {}: refresh failed: {}; retry at {}{}", name(), o.message, retryAt,
          expireAt == null ? "" : ", expires " + expireAt);
    }
    return new Timers(++timersSequence, expireAt, lastGood, lastSuccess);
  }

  private void expireIfDue() {
    synchronized (this) {
      if (expireAt == null || served.expired()) {
        return;
      }
      if (clock.instant().isBefore(expireAt)) {
        scheduleExpire(); // woken early (a clock step, a coarse timer): look again at the deadline
        return;
      }
      served.markExpired(true);
      lastResult = "expired at " + expireAt + " (no successful refresh within EXPIRE)";
      log.error("zone {}: EXPIRED: no successful refresh since {}; answering SERVFAIL until a refresh succeeds",
          name(), lastSuccess == null ? "start" : lastSuccess);
    }
  }

  private Duration retryInterval() {
    ZoneSnapshot current = served.snapshot();
    return current == null ? config.timers().retry(FIRST_RETRY.toSeconds()) : config.timers().retry(current.soa().getRetry());
  }

  /** RETRY plus up to 10% so that many secondaries do not retry in step. */
  private Duration jittered(Duration d) {
    long extra = d.toMillis() / 10;
    return extra <= 0 ? d : d.plusMillis(random.nextLong(extra + 1));
  }

  private void persist(Timers t) {
    synchronized (persistLock) {
      if (stopped || t.sequence() <= persistedSequence) {
        return;
      }
      persistedSequence = t.sequence();
      try {
        store.putState(name(), EXPIRE_AT, t.expireAt() == null ? null : t.expireAt().toString());
        store.putState(name(), LAST_PRIMARY, t.lastGood() == null ? null : t.lastGood().toString());
        store.putState(name(), LAST_SUCCESS, t.lastSuccess() == null ? null : t.lastSuccess().toString());
      } catch (StoreException e) {
        log.error("zone {}: cannot persist refresh timers: {}", name(), e.getMessage());
      }
    }
  }

  private Remote primaryNamed(String text) {
    if (text == null) {
      return null;
    }
    return config.primaries().stream().filter(p -> p.toString().equals(text)).findFirst().orElse(null);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  /** The result of one refresh attempt. */
  private static final class Outcome {
    final boolean ok;
    final String message;
    final SOARecord soa;
    final Duration ednsExpire;
    boolean retryWithAxfr;

    private Outcome(boolean ok, String message, SOARecord soa, Duration ednsExpire) {
      this.ok = ok;
      this.message = message;
      this.soa = soa;
      this.ednsExpire = ednsExpire;
    }

    static Outcome ok(String message, SOARecord soa, Duration ednsExpire) {
      return new Outcome(true, message, soa, ednsExpire);
    }

    static Outcome failed(String message) {
      return new Outcome(false, message, null, null);
    }
  }
}
