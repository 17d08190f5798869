package org.tandemdns.sync.push;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangeListener;
import org.tandemdns.change.Committed;
import org.tandemdns.config.PushConfig;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.events.Scheduler;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.sync.PlanOptions;
import org.tandemdns.sync.SnapshotChanges;
import org.tandemdns.sync.SyncRunner;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * Continuous multi-provider push: told of every committed change (the pipeline's "announce" step),
 * it pushes each change of a primary zone to every provider the zone lists under {@code push-to},
 * one {@link PushTarget} per zone and target. It only records and schedules on the committing
 * thread; the pushes run on the scheduler's bounded workers.
 */
public final class PushService implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushService.class);

  private final Map<String, Provider> providers;
  private final Function<Name, List<String>> targetsOf;
  private final Function<Name, ZoneSnapshot> snapshots;
  private final PushState state;
  private final Scheduler scheduler;
  private final Clock clock;
  private final PushConfig config;
  private final SyncRunner runner;
  private final PushMetrics metrics;
  private final Map<Name, Map<String, PushTarget>> targets = new ConcurrentHashMap<>();

  /**
   * @param providers the providers under {@code sync.providers}, by name
   * @param targetsOf the {@code push-to} list of a zone (empty when it has none)
   * @param snapshots the version a zone serves, or null
   * @param metrics where the push metrics go, or null
   */
  public PushService(Map<String, Provider> providers, Function<Name, List<String>> targetsOf,
      Function<Name, ZoneSnapshot> snapshots, ZoneStore store, Scheduler scheduler, Clock clock, PushConfig config,
      MeterRegistry metrics) {
    this.providers = Map.copyOf(providers);
    this.targetsOf = targetsOf;
    this.snapshots = snapshots;
    this.state = new PushState(store);
    this.scheduler = scheduler;
    this.clock = clock;
    this.config = config;
    this.runner = new SyncRunner(providers, new DnsClient(), QueryLimits.defaults());
    this.metrics = new PushMetrics(metrics);
  }

  @Override
  public void committed(Committed change) {
    List<String> names = targetsOf.apply(change.zone());
    if (names.isEmpty()) {
      return;
    }
    for (PushTarget t : targets(change.zone(), names)) {
      if (change.diff() == null) {
        t.versionServed();
      } else {
        t.changed(SnapshotChanges.touched(change.diff()));
      }
    }
  }

  private List<PushTarget> targets(Name zone, List<String> names) {
    Map<String, PushTarget> byName = targets.computeIfAbsent(zone, z -> new ConcurrentHashMap<>());
    List<PushTarget> out = new ArrayList<>();
    for (String name : names) {
      Provider p = providers.get(name);
      if (p == null) {
        log.error("zone {}: push-to names provider {}, which is not under sync.providers; not pushed", zone, name);
        continue;
      }
      out.add(byName.computeIfAbsent(name, n -> create(zone, p)));
    }
    return out;
  }

  private PushTarget create(Name zone, Provider p) {
    PlanOptions options = new PlanOptions(false, config.maxChange().fraction(), false);
    PushTarget t = new PushTarget(zone, p, () -> snapshots.apply(zone), state, scheduler, clock,
        new Backoff(config.retryMin(), config.retryMax()), config.resyncInterval(), options, runner, metrics);
    metrics.register(t);
    return t;
  }

  /** Where push of {@code zone} stands, per target, in the order of its {@code push-to}. */
  public List<PushStatus> status(Name zone) {
    Map<String, PushTarget> byName = targets.getOrDefault(zone, Map.of());
    List<PushStatus> out = new ArrayList<>();
    for (String name : targetsOf.apply(zone)) {
      PushTarget t = byName.get(name);
      Provider p = providers.get(name);
      if (t != null) {
        out.add(t.status());
      } else {
        out.add(new PushStatus(zone.toString(), name, p == null ? "not under sync.providers" : p.describe(), "unknown",
            null, null, null, null, 0, null, null, null));
      }
    }
    return out;
  }

  @Override
  public void close() {
    targets.values().forEach(m -> m.values().forEach(PushTarget::stop));
  }
}
