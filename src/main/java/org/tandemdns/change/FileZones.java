package org.tandemdns.change;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.logging.StartupLines;
import org.tandemdns.store.Actor;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.StoredSnapshots;
import org.tandemdns.store.StoredZoneInfo;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileLoader;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;

/**
 * Zones whose source of truth is a master file. At start-up each file is reconciled with the
 * version in the store: unchanged files are served at the stored serial without reading the store
 * back; changed files are diffed against the stored version and committed like any change. A
 * reload (SIGHUP, API) re-reads the file and commits the difference through the pipeline. A file
 * that does not load never replaces what is served.
 */
public final class FileZones {
  private static final Logger log = LoggerFactory.getLogger(FileZones.class);
  /** The store's kind for zones read from files. */
  public static final String KIND = "file";

  private final ZoneTable zones;
  private final ChangePipeline pipeline;
  private final ZoneStore store;
  private final Map<Name, ZoneConfig> configs = new ConcurrentHashMap<>();
  private final Map<Name, ZoneChangePolicy> policies = new ConcurrentHashMap<>();
  private final Map<Name, String> committedHash = new ConcurrentHashMap<>();
  private final Map<Name, LastLoad> lastLoads = new ConcurrentHashMap<>();
  private final ZoneFilePrefetch prefetch;
  private final StartupLines startupLines;

  /** The last (re)load of a file zone and when it happened. */
  public record LastLoad(ReloadResult result, java.time.Instant at) {}

  /** The last (re)load of {@code zone}, or null when it has none. */
  public LastLoad lastLoad(Name zone) {
    return lastLoads.get(zone);
  }

  private ReloadResult remember(ReloadResult r) {
    lastLoads.put(r.zone(), new LastLoad(r, java.time.Instant.now()));
    return r;
  }

  public FileZones(ZoneTable zones, ChangePipeline pipeline, ZoneStore store) {
    this(zones, pipeline, store, ZoneFilePrefetch.none(), new StartupLines());
  }

  /**
   * As above, taking the first read of each file from {@code prefetch}; each zone's "loaded" line
   * logged as {@code startupLines} says.
   */
  public FileZones(ZoneTable zones, ChangePipeline pipeline, ZoneStore store, ZoneFilePrefetch prefetch,
      StartupLines startupLines) {
    this.zones = zones;
    this.pipeline = pipeline;
    this.store = store;
    this.prefetch = prefetch;
    this.startupLines = startupLines;
  }

  /** Starts serving a file zone; returns the outcome (the zone may be served even when not ok). */
  public ReloadResult load(ZoneConfig config) {
    return load(config, new ZoneChangePolicy(config.serialPolicy(), config.journalRetention()));
  }

  /** As {@link #load(ZoneConfig)}, with the zone's change policy (its signer, for a zone Tandem signs). */
  public ReloadResult load(ZoneConfig config, ZoneChangePolicy policy) {
    policies.put(config.name(), policy);
    return remember(loadUnremembered(config));
  }

  private ReloadResult loadUnremembered(ZoneConfig config) {
    configs.put(config.name(), config);
    ServedZone served = zones.get(config.name());
    long start = System.nanoTime();
    ZoneFileLoader.Loaded loaded;
    try {
      loaded = prefetch.take(config.name(), config.file());
      if (loaded == null) {
        loaded = ZoneFileLoader.read(config.file(), config.name());
      }
    } catch (IOException | ZoneFileException | ZoneValidationException e) {
      return serveStoredAfterFailure(served, describe(config, e));
    }
    try {
      Optional<StoredZoneInfo> info = store.info(config.name());
      ZoneSnapshot file = loaded.snapshot();
      ReloadResult result;
      if (info.isEmpty()) {
        CommitOutcome o = pipeline.replace(served, file, policy(config), KIND, loaded.sourceHash(), "first load",
            Actor.internal("reload", config.file().toString()));
        result = new ReloadResult(config.name(), true, true, o.serial(), "loaded");
      } else if (info.get().sourceHash().equals(loaded.sourceHash()) && policy(config).signer() != null) {
        // a signed zone's served version is the signer's output, kept in the store, not the file
        ZoneSnapshot stored = StoredSnapshots.read(store, config.name()).orElseThrow();
        pipeline.restore(served, stored, "startup");
        result = new ReloadResult(config.name(), true, false, stored.serial(), "loaded (file unchanged since last run, signed version from the store)");
      } else if (info.get().sourceHash().equals(loaded.sourceHash())) {
        long serial = info.get().serial();
        pipeline.restore(served, file.serial() == serial ? file : file.withSerial(serial), "startup");
        result = new ReloadResult(config.name(), true, false, serial, "loaded (file unchanged since last run)");
      } else {
        ZoneSnapshot stored = StoredSnapshots.read(store, config.name()).orElseThrow();
        pipeline.restore(served, stored, "startup");
        result = commit(config, served, loaded, "file changed while stopped");
      }
      committedHash.put(config.name(), loaded.sourceHash());
      startupLines.zone(log, "zone {}: {}, serial {} ({} records) from {} in {} ms", config.name(), result.message(), result.serial(),
          file.recordCount(), config.file(), (System.nanoTime() - start) / 1_000_000);
      return result;
    } catch (StoreException | ChangeRejectedException e) {
      return serveStoredAfterFailure(served, "zone " + config.name() + ": " + e.getMessage());
    }
  }

  /** Re-reads one file zone and commits what changed. */
  public ReloadResult reload(Name zone) {
    ReloadResult r = reloadUnremembered(zone);
    return configs.containsKey(zone) ? remember(r) : r;
  }

  private ReloadResult reloadUnremembered(Name zone) {
    ZoneConfig config = configs.get(zone);
    ServedZone served = zones.get(zone);
    if (config == null || served == null) {
      return new ReloadResult(zone, false, false, -1, "zone " + zone + " is not a file zone served here");
    }
    ZoneFileLoader.Loaded loaded;
    try {
      loaded = ZoneFileLoader.read(config.file(), zone);
    } catch (IOException | ZoneFileException | ZoneValidationException e) {
      String message = describe(config, e) + "; " + stillServing(served);
      log.error("zone {}: reload failed: {}", zone, message);
      return new ReloadResult(zone, false, false, serialOf(served), message);
    }
    if (loaded.sourceHash().equals(committedHash.get(zone)) && served.snapshot() != null) {
      return new ReloadResult(zone, true, false, serialOf(served), "unchanged");
    }
    try {
      ReloadResult r = served.snapshot() == null
          ? loadUnremembered(config)
          : commit(config, served, loaded, "reload");
      if (r.ok()) {
        committedHash.put(zone, loaded.sourceHash());
      }
      return r;
    } catch (StoreException | ChangeRejectedException e) {
      String message = e.getMessage() + "; " + stillServing(served);
      log.error("zone {}: reload refused: {}", zone, message);
      return new ReloadResult(zone, false, false, serialOf(served), message);
    }
  }

  /** Reloads every file zone, one after another. */
  public List<ReloadResult> reloadAll() {
    List<ReloadResult> results = new ArrayList<>();
    for (Name zone : configs.keySet()) {
      results.add(reload(zone));
    }
    return results;
  }

  /** Stops reading {@code zone}'s file (it left the configuration, or is set up anew). */
  public void forget(Name zone) {
    configs.remove(zone);
    policies.remove(zone);
    committedHash.remove(zone);
    lastLoads.remove(zone);
  }

  /** True when {@code zone} is served from a file. */
  public boolean isFileZone(Name zone) {
    return configs.containsKey(zone);
  }

  private ReloadResult commit(ZoneConfig config, ServedZone served, ZoneFileLoader.Loaded loaded, String cause)
      throws StoreException, ChangeRejectedException {
    CommitOutcome o = pipeline.replace(served, loaded.snapshot(), policy(config), KIND, loaded.sourceHash(), cause,
        Actor.internal("reload", config.file().toString()));
    return new ReloadResult(config.name(), true, o.changed(), o.serial(), o.changed() ? o.note() : "unchanged");
  }

  /** After a failed load, serve the stored version if there is one (better old data than none). */
  private ReloadResult serveStoredAfterFailure(ServedZone served, String problem) {
    Name zone = served.origin();
    if (served.snapshot() != null) {
      log.error("zone {}: {}; still serving serial {}", zone, problem, served.snapshot().serial());
      return new ReloadResult(zone, false, false, served.snapshot().serial(), problem);
    }
    try {
      Optional<ZoneSnapshot> stored = StoredSnapshots.read(store, zone);
      if (stored.isPresent()) {
        pipeline.restore(served, stored.get(), "startup (stored version)");
        log.error("zone {}: {}; serving the stored version, serial {}", zone, problem, stored.get().serial());
        return new ReloadResult(zone, false, false, stored.get().serial(), problem);
      }
    } catch (StoreException e) {
      problem = problem + "; the stored version is unusable too: " + e.getMessage();
    }
    log.error("zone {}: not served: {}", zone, problem);
    return new ReloadResult(zone, false, false, -1, problem);
  }

  private ZoneChangePolicy policy(ZoneConfig config) {
    ZoneChangePolicy p = policies.get(config.name());
    return p != null ? p : new ZoneChangePolicy(config.serialPolicy(), config.journalRetention());
  }

  /** What a failed reload leaves served: the last good serial, or nothing (not "serial -1"). */
  private static String stillServing(ServedZone z) {
    ZoneSnapshot s = z.snapshot();
    return s == null ? "the zone has never loaded and is not served (SERVFAIL)" : "still serving serial " + s.serial();
  }

  private static long serialOf(ServedZone z) {
    ZoneSnapshot s = z.snapshot();
    return s == null ? -1 : s.serial();
  }

  private static String describe(ZoneConfig config, Exception e) {
    if (e instanceof NoSuchFileException) {
      return config.file() + ": no such file";
    }
    if (e instanceof ZoneValidationException v) {
      return String.join("; ", v.problems());
    }
    if (e instanceof IOException) {
      return "cannot read " + config.file() + ": " + e.getMessage();
    }
    return e.getMessage();
  }
}
