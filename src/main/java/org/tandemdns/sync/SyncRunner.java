package org.tandemdns.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.tandemdns.config.SyncSourceConfig;
import org.tandemdns.config.SyncTargetSettings;
import org.tandemdns.config.SyncZoneConfig;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.sync.provider.FileSource;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.ProviderException;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.sync.provider.ZoneSource;
import org.xbill.DNS.Name;

/**
 * Runs {@code tandem sync plan|apply}: for each zone, reads the source once, then for each target,
 * in parallel: read, plan, check safety and, for apply, apply and verify. One failing target never
 * holds up or stops the others; each ends with its own {@link TargetReport}.
 */
public final class SyncRunner {
  /**
   * How a run goes.
   *
   * @param apply apply the plans (false: plan only)
   * @param force apply plans the safety checks refuse
   * @param includeApexNs make the apex NS equal for every zone, whatever the zone says
   * @param maxChange the safety threshold for every zone, or null to use each zone's
   * @param verify query the targets' nameservers after an apply
   * @param verifyTimeout how long to wait for them to serve the changes
   * @param parallelism targets worked on at once
   */
  public record Settings(boolean apply, boolean force, boolean includeApexNs, Double maxChange, boolean verify,
      Duration verifyTimeout, int parallelism) {
    public Settings {
      if (parallelism < 1 || parallelism > 64) {
        throw new IllegalArgumentException("parallelism must be from 1 to 64");
      }
    }
  }

  private final Map<String, Provider> providers;
  private final Planner planner = new Planner();
  private final Verifier verifier;

  public SyncRunner(Map<String, Provider> providers, DnsClient client, QueryLimits limits) {
    this.providers = Map.copyOf(providers);
    this.verifier = new Verifier(client, limits);
  }

  /** Syncs {@code zones} to their targets that {@code targets} accepts. */
  public SyncReport run(List<SyncZoneConfig> zones, Predicate<String> targets, Settings s) {
    List<ZoneReport> out = new ArrayList<>();
    ExecutorService pool = pool(s.parallelism());
    try {
      for (SyncZoneConfig z : zones) {
        List<Provider> chosen = z.targets().stream().filter(targets).map(providers::get).toList();
        out.add(zone(z, source(z.source()), chosen, s, pool));
      }
    } finally {
      pool.shutdownNow();
    }
    return new SyncReport(s.apply(), out);
  }

  private ZoneSource source(SyncSourceConfig c) {
    return c.file() != null ? new FileSource(c.file()) : providers.get(c.provider());
  }

  /** The options for {@code target} of {@code z}: its {@code per-target:} settings, then the command line's. */
  static PlanOptions options(SyncZoneConfig z, String target, Settings s) {
    SyncTargetSettings t = z.settingsFor(target);
    return new PlanOptions(z.includeApexNs() || s.includeApexNs(), s.maxChange() != null ? s.maxChange() : t.maxChange().fraction(),
        t.maxUpdates(), t.maxDeletes(), s.force(), t.lenient(), z.ignore(), t.minTtl());
  }

  private ZoneReport zone(SyncZoneConfig z, ZoneSource source, List<Provider> targets, Settings s, ExecutorService pool) {
    Name zone = z.name();
    ZoneContent content;
    try {
      content = source.read(zone);
    } catch (ProviderException e) {
      List<TargetReport> failed = targets.stream()
          .map(t -> TargetReport.failure(t.name(), t.describe(), "the source could not be read: " + e.getMessage())).toList();
      return new ZoneReport(zone, source.describe(), -1, failed);
    }
    List<String> zoneNotes = new ArrayList<>();
    boolean union = false;
    if (z.apexNsUnion()) {
      ApexNsUnion.Result u = ApexNsUnion.of(z, providers);
      if (u.problem().isPresent()) {
        zoneNotes.add(u.problem().get());
      } else {
        content = ApexNsUnion.publish(zone, content, u.nameservers(), zoneNotes);
        union = true;
      }
    }
    ZoneContent planned = content;
    List<Future<TargetReport>> futures = new ArrayList<>();
    for (Provider t : targets) {
      PlanOptions o = options(z, t.name(), s);
      PlanOptions options = union ? o.withApexNs(true) : o;
      futures.add(pool.submit(() -> target(zone, planned, t, options, s, zoneNotes)));
    }
    List<TargetReport> reports = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      reports.add(await(futures.get(i), targets.get(i)));
    }
    return new ZoneReport(zone, source.describe(), content.zone().size(), reports);
  }

  /** Reads, plans and, when {@code s.apply()}, applies and verifies one target. Never throws for what the target does. */
  public TargetReport target(Name zone, ZoneContent source, Provider target, PlanOptions options, Settings s) {
    return target(zone, source, target, options, s, List.of());
  }

  private TargetReport target(Name zone, ZoneContent source, Provider target, PlanOptions options, Settings s,
      List<String> zoneNotes) {
    ZoneContent current;
    try {
      current = target.read(zone);
    } catch (ProviderException e) {
      return TargetReport.failure(target.name(), target.describe(), e.getMessage());
    } catch (RuntimeException e) {
      return TargetReport.failure(target.name(), target.describe(), "unexpected error: " + e);
    }
    ZonePlan plan = planner.plan(zone, target.name(), source, current, target::supports, target::unsupportedReason, options)
        .withNotes(zoneNotes);
    if (!s.apply() || plan.refused() || plan.isEmpty()) {
      return new TargetReport(target.name(), target.describe(), plan, null, null, null);
    }
    Applied applied = Applier.apply(target, zone, plan.changes(), current.serial());
    Verification v = null;
    if (applied.complete() && s.verify()) {
      v = verifier.verify(zone, plan.changes(), source.zone(), target.nameservers(), s.verifyTimeout());
    }
    return new TargetReport(target.name(), target.describe(), plan, applied, v, null);
  }

  private static TargetReport await(Future<TargetReport> f, Provider t) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TargetReport.failure(t.name(), t.describe(), "interrupted");
    } catch (ExecutionException e) {
      return TargetReport.failure(t.name(), t.describe(), "unexpected error: " + e.getCause());
    }
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tandem-sync-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
