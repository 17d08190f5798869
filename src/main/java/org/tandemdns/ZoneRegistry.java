package org.tandemdns;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.FileZones;
import org.tandemdns.change.ReloadResult;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.config.ZoneConfigJson;
import org.tandemdns.config.ZoneType;
import org.tandemdns.dnssec.KeyRollover;
import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.dnssec.ZoneSigners;
import org.tandemdns.events.Scheduler;
import org.tandemdns.events.SecondaryZone;
import org.tandemdns.events.SigningSchedule;
import org.tandemdns.logging.StartupLines;
import org.tandemdns.notify.NotifyPlan;
import org.tandemdns.notify.NotifyReceiver;
import org.tandemdns.security.Acl;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.StoredSnapshots;
import org.tandemdns.store.StoredZoneInfo;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.update.UpdatePolicy;
import org.tandemdns.xfr.PrimaryClient;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Name;

/**
 * Every zone this server has, with its settings and, for secondaries, its refresh state machine.
 * Zones come from the config file (fixed while running) or from the API (added and removed while
 * running; their settings are kept in the store beside their data, so they come back after a
 * restart). The protocol handlers read each zone's ACLs and NOTIFY plan from here.
 */
public final class ZoneRegistry {
  private static final Logger log = LoggerFactory.getLogger(ZoneRegistry.class);
  /** Store state key holding an API zone's settings, in the config's shape. */
  static final String SETTINGS = "api-settings";
  /** Store state key: when a zone left the config file; its data is deleted {@link #REMOVED_GRACE} later. */
  static final String REMOVED_AT = "removed-from-config-at";
  /** How long the data of a zone taken out of the config file is kept, in case it comes back. */
  public static final java.time.Duration REMOVED_GRACE = java.time.Duration.ofDays(7);

  /** Store state key: the role {@code tandem zone promote|demote} gave a zone of the config file ({@link ZoneRoles.Override}). */
  static final String ROLE = "role-override";

  /** Store state key of a member provisioned from a catalog ({@link CatalogConsumers}): its catalog, unique id and groups. */
  static final String CATALOG_MEMBER = "catalog-member";
  /** Store state key: when the data of a zone no longer served is deleted (catalog members; default: {@link #REMOVED_GRACE} after REMOVED_AT). */
  static final String DELETE_AT = "delete-at";

  /** Where a zone was declared: the config file, the API, or a catalog consumed here (RFC 9432). */
  public enum Source { CONFIG, API, CATALOG }

  /** One zone: its settings, origin, served state and (secondaries) refresh state machine. */
  public record Entry(ZoneConfig config, Source source, ServedZone served, SecondaryZone secondary) {}

  private final ZoneTable table;
  private final ChangePipeline pipeline;
  private final ZoneStore store;
  private final FileZones fileZones;
  private final PrimaryClient client;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Map<Name, Entry> entries = new ConcurrentHashMap<>();
  private final ZoneSigners signerFactory;
  private final StartupLines startupLines;
  private final SigningSchedule signing;
  private final Map<Name, ZoneSigner> signers = new ConcurrentHashMap<>();
  private final Map<Name, String> signerProblems = new ConcurrentHashMap<>();
  /** The config file's settings of its zones, before any role set by promote/demote. */
  private final Map<Name, ZoneConfig> declared = new ConcurrentHashMap<>();
  /** Stored zones that a catalog provisioned, seen by {@link #restoreApiZones} (for {@link CatalogConsumers} to claim). */
  final List<Name> catalogMembersInStore = java.util.Collections.synchronizedList(new ArrayList<>());

  public ZoneRegistry(ZoneTable table, ChangePipeline pipeline, ZoneStore store, FileZones fileZones, PrimaryClient client,
      Scheduler scheduler, Clock clock) {
    this(table, pipeline, store, fileZones, client, scheduler, clock, null);
  }

  /** As above; {@code signerFactory} makes the signers of zones with a {@code dnssec} policy (null: none can be signed). */
  public ZoneRegistry(ZoneTable table, ChangePipeline pipeline, ZoneStore store, FileZones fileZones, PrimaryClient client,
      Scheduler scheduler, Clock clock, ZoneSigners signerFactory) {
    this(table, pipeline, store, fileZones, client, scheduler, clock, signerFactory, new StartupLines());
  }

  /** As above; each zone's start-up line logged as {@code startupLines} says (the one FileZones has too). */
  public ZoneRegistry(ZoneTable table, ChangePipeline pipeline, ZoneStore store, FileZones fileZones, PrimaryClient client,
      Scheduler scheduler, Clock clock, ZoneSigners signerFactory, StartupLines startupLines) {
    this.startupLines = startupLines;
    this.signerFactory = signerFactory;
    this.signing = new SigningSchedule(pipeline, scheduler, clock, this::servedZone, this::changePolicy,
        this::parentAgents, new org.tandemdns.events.ParentDsCheck(new org.tandemdns.dnsclient.DnsClient(),
            org.tandemdns.dnsclient.QueryLimits.defaults()));
    this.table = table;
    this.pipeline = pipeline;
    this.store = store;
    this.fileZones = fileZones;
    this.client = client;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  public Entry get(Name zone) {
    return entries.get(zone);
  }

  public Collection<Entry> all() {
    return entries.values();
  }

  /** Who may transfer {@code zone}; nobody for unknown zones. */
  public Acl transferAcl(Name zone) {
    Entry e = entries.get(zone);
    return e == null ? Acl.DENY_ALL : e.config.transferAcl();
  }

  public NotifyPlan notifyPlan(Name zone) {
    Entry e = entries.get(zone);
    return e == null ? NotifyPlan.NONE : new NotifyPlan(e.config.notifyTargets(), e.config.notifyNs());
  }

  /** NOTIFY in is for secondary zones only. */
  public NotifyReceiver.Access notifyAccess(Name zone) {
    Entry e = entries.get(zone);
    return e == null || e.secondary == null ? null : new NotifyReceiver.Access(e.config.notifyAcl(), e.secondary::notified);
  }

  /** UPDATE is for primary zones only; a secondary answers NOTAUTH. */
  public UpdatePolicy updatePolicy(Name zone) {
    Entry e = entries.get(zone);
    if (e == null) {
      return null;
    }
    UpdatePolicy.Mode mode = e.config.type() == ZoneType.SECONDARY ? UpdatePolicy.Mode.SECONDARY
        : e.config.managed() ? UpdatePolicy.Mode.UPDATABLE : UpdatePolicy.Mode.FILE;
    return new UpdatePolicy(e.config.updateAcl(), changePolicy(zone), mode);
  }

  /** The rules every change of {@code zone} follows: its serial policy, journal size and signer. */
  public ZoneChangePolicy changePolicy(Name zone) {
    Entry e = entries.get(zone);
    if (e == null) {
      return ZoneChangePolicy.defaults();
    }
    return new ZoneChangePolicy(e.config.serialPolicy(), e.config.journalRetention(), signers.get(zone));
  }

  private ServedZone servedZone(Name zone) {
    Entry e = entries.get(zone);
    return e == null ? null : e.served;
  }

  /** When the next re-signing run of {@code zone} is due, or null. */
  public java.time.Instant nextSigningRun(Name zone) {
    return signing.nextRun(zone);
  }

  private java.util.List<org.tandemdns.config.HostPort> parentAgents(Name zone) {
    Entry e = entries.get(zone);
    return e == null || e.config.dnssec() == null ? java.util.List.of() : e.config.dnssec().parentAgents();
  }

  /** The KSK/CSK rollover of {@code zone} waiting for its DS at the parent, or null. */
  public SigningSchedule.DsWait dsWait(Name zone) {
    return signing.dsWait(zone);
  }

  /**
   * Starts a key rollover of a zone Tandem signs now: {@code ksk} true for its KSK or CSK, false for
   * its ZSK. The keys are written, then a signing run publishes the new key.
   *
   * @throws ZoneRegistryException when the zone is not signed by Tandem or the rollover cannot start
   */
  public String rollover(Name zone, boolean ksk) throws ZoneRegistryException {
    return keyStep(zone, (signer, now) -> ksk ? KeyRollover.startKsk(signer.keys(), signer.policy(), now)
        : KeyRollover.startZsk(signer.keys(), signer.policy(), now, ZoneSigner.maxTtl(entries.get(zone).served.snapshot())));
  }

  /**
   * The operator confirms that the parent serves the new DS of a KSK or CSK rollover, or no longer
   * serves the DS of a zone going insecure ({@code tandem dnssec ds-seen}); the old keys go after the
   * policy's ds-ttl and propagation-delay.
   */
  public String dsSeen(Name zone) throws ZoneRegistryException {
    return keyStep(zone, (signer, now) -> KeyRollover.awaitingDsRemoval(signer.keys(), signer.policy(), now)
        ? KeyRollover.dsRemoved(signer.keys(), signer.policy(), now, signer.policy().dsTtl())
        : KeyRollover.dsSeen(signer.keys(), signer.policy(), now, signer.policy().dsTtl(),
            () -> ZoneSigner.maxTtl(entries.get(zone).served.snapshot())));
  }

  /** A key step asked for by the operator, as the schedule's own: written, then a signing run at once. */
  private interface KeyStep {
    KeyRollover.Step make(ZoneSigner signer, java.time.Instant now) throws KeyRollover.RolloverException;
  }

  private String keyStep(Name zone, KeyStep step) throws ZoneRegistryException {
    ZoneSigner signer = signerOrThrow(zone);
    try {
      synchronized (signer) {
        KeyRollover.Step s = step.make(signer, signer.keyTime(clock.instant()));
        signer.apply(s);
        signing.runNow(zone);
        return String.join("; ", s.events());
      }
    } catch (KeyRollover.RolloverException e) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, e.getMessage());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("zone " + zone + ": cannot write its keys: " + e.getMessage(), e);
    }
  }

  private ZoneSigner signerOrThrow(Name zone) throws ZoneRegistryException {
    ZoneSigner signer = signers.get(zone);
    Entry e = entries.get(zone);
    if (e == null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.NOT_FOUND, "no zone " + zone);
    }
    if (signer == null || e.served.snapshot() == null) {
      String problem = signerProblems.get(zone);
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + " is not signed by Tandem" + (problem == null ? "" : ": " + problem));
    }
    return signer;
  }

  /** The signer of a zone Tandem signs, or null. */
  public ZoneSigner signer(Name zone) {
    return signers.get(zone);
  }

  /** Why a zone with a dnssec policy has no signer (its keys are unreadable, say), or null. */
  public String signerProblem(Name zone) {
    return signerProblems.get(zone);
  }

  /**
   * Registers a zone (served once it has data); a secondary's state machine starts at once. A zone of
   * the config file takes the role promote/demote gave it, while that role holds ({@link ZoneRoles}).
   */
  public synchronized Entry register(ZoneConfig z, Source source) throws StoreException {
    if (source == Source.CONFIG) {
      declared.put(z.name(), z);
      z = withRole(z);
    }
    return registerAs(z, source);
  }

  private Entry registerAs(ZoneConfig z, Source source) throws StoreException {
    ServedZone served = new ServedZone(z.name());
    table.add(served);
    SecondaryZone secondary = null;
    if (z.type() == ZoneType.SECONDARY) {
      secondary = new SecondaryZone(z, served, pipeline, store, client, scheduler, clock, new SplittableRandom(),
          () -> changePolicy(z.name()));
    }
    Entry e = new Entry(z, source, served, secondary);
    if (z.dnssec() != null) {
      createSigner(z);
    }
    entries.put(z.name(), e);
    if (secondary != null) {
      secondary.start(startupLines);
      if (signers.containsKey(z.name())) {
        signing.start(z.name()); // front-signing: re-signing runs on the version transferred and signed
      }
    }
    return e;
  }

  private void createSigner(ZoneConfig z) {
    signers.remove(z.name());
    signerProblems.remove(z.name());
    if (signerFactory == null) {
      signerProblems.put(z.name(), "signing is not available here");
      return;
    }
    try {
      signers.put(z.name(), signerFactory.create(z.name(), z.dnssec().policy()));
    } catch (IOException | RuntimeException ex) {
      String problem = "cannot use the DNSSEC keys: " + ex.getMessage();
      signerProblems.put(z.name(), problem);
      log.error("zone {}: {}; the zone is not signed or changed until this is fixed (restart after)", z.name(), problem);
    }
  }

  /**
   * Applies new settings to a zone of the config file, in place: ACLs, NOTIFY targets and the like
   * are read from the entry on the next message. A secondary whose refresh settings changed
   * (primaries, timers, transfer limits, serial policy, journal) gets a new refresh state machine over
   * the same served data, which refreshes at once (a corrected primary is tried now, not at the next
   * RETRY); otherwise its state machine stays as it is. The served data is not touched, so no query
   * goes unanswered. The caller reloads a primary's file.
   */
  public synchronized Entry update(ZoneConfig fileConfig) throws StoreException {
    Entry old = entries.get(fileConfig.name());
    if (old == null) {
      throw new IllegalArgumentException("no zone " + fileConfig.name());
    }
    declared.put(fileConfig.name(), fileConfig);
    ZoneConfig z = withRole(fileConfig);
    if (z.type() != old.config.type()) {
      // a promotion the file overrode by giving the zone other primaries: a secondary again, over the same data
      forget(z.name());
      return registerAs(z, old.source);
    }
    return withSettings(old, z);
  }

  /**
   * {@code old} with new settings {@code z}, over the same served data: a secondary whose refresh
   * settings changed gets a new refresh state machine, which refreshes at once.
   */
  private Entry withSettings(Entry old, ZoneConfig z) throws StoreException {
    SecondaryZone secondary = old.secondary;
    boolean replaced = secondary != null && refreshSettingsDiffer(old.config, z);
    if (replaced) {
      old.secondary.stop();
      secondary = new SecondaryZone(z, old.served, pipeline, store, client, scheduler, clock, new SplittableRandom(),
          () -> changePolicy(z.name()));
    }
    Entry e = new Entry(z, old.source, old.served, secondary);
    entries.put(z.name(), e);
    if (replaced) {
      secondary.start(startupLines);
    }
    return e;
  }

  /** The settings {@link SecondaryZone} reads from its config. */
  private static boolean refreshSettingsDiffer(ZoneConfig a, ZoneConfig b) {
    return !a.primaries().equals(b.primaries()) || !java.util.Objects.equals(a.timers(), b.timers())
        || !java.util.Objects.equals(a.transferLimits(), b.transferLimits()) || a.serialPolicy() != b.serialPolicy()
        || !java.util.Objects.equals(a.journalRetention(), b.journalRetention());
  }

  /** A TSIG key's secret changed: every secondary that uses it with a primary refreshes now, not at its next RETRY. */
  public void keysChanged(java.util.Set<Name> changed) {
    for (Entry e : entries.values()) {
      if (e.secondary != null && e.config.primaries().stream().anyMatch(p -> p.key() != null && changed.contains(p.key()))) {
        log.info("zone {}: a key of its primaries changed; refreshing now", e.config.name());
        e.secondary.refreshNow();
      }
    }
  }

  /**
   * Stops serving a zone that left the config file (it answers REFUSED from now on). Its data and
   * journal stay in the store for {@link #REMOVED_GRACE}, so that putting it back loses nothing,
   * unless {@code purge}.
   */
  public synchronized void remove(Name zone, boolean purge) throws StoreException {
    forget(zone);
    declared.remove(zone);
    fileZones.forget(zone);
    if (purge) {
      store.delete(zone);
      log.info("zone {}: removed from the configuration; no longer served, its data deleted (purge)", zone);
    } else if (store.info(zone).isPresent()) {
      store.putState(zone, REMOVED_AT, clock.instant().toString());
      log.info("zone {}: removed from the configuration; no longer served, its data kept until {} in case it comes back"
          + " (reload with purge to delete it now)", zone, clock.instant().plus(REMOVED_GRACE));
    } else {
      log.info("zone {}: removed from the configuration; no longer served", zone);
    }
  }

  /** Registers a zone added to the config file while running; data kept since it was taken out is its own again. */
  public synchronized Entry add(ZoneConfig z) throws StoreException {
    Map<String, String> state = store.state(z.name());
    if (state.containsKey(CATALOG_MEMBER)) {
      store.delete(z.name()); // a catalog member's data, not this zone's
    } else if (state.containsKey(REMOVED_AT)) {
      store.putState(z.name(), REMOVED_AT, null);
      log.info("zone {}: back in the configuration; the data kept since it was taken out is used again", z.name());
    }
    return register(z, Source.CONFIG);
  }

  /** Most zones whose data one {@link #purgeRemoved()} deletes; the rest wait for the next run, so no run stalls for long. */
  static final int PURGE_BATCH = 1000;

  /**
   * Deletes the data of zones no longer served whose grace period has passed: taken out of the
   * config file more than {@link #REMOVED_GRACE} ago, or catalog members past their {@link
   * #DELETE_AT}; at most {@link #PURGE_BATCH} of them per run. Returns how many were deleted.
   */
  public int purgeRemoved() throws StoreException {
    int deleted = 0;
    for (StoredZoneInfo info : store.zones()) {
      if (deleted >= PURGE_BATCH) {
        log.info("zones no longer served: {} deleted, the others due are deleted at the next run", deleted);
        break;
      }
      if (!entries.containsKey(info.name()) && purgeIfDue(info.name())) {
        deleted++;
      }
    }
    return deleted;
  }

  /** Deletes one zone's data if it is not served and its grace period has passed (under the lock: not while it comes back). */
  private synchronized boolean purgeIfDue(Name zone) throws StoreException {
    Map<String, String> state = store.state(zone);
    String at = state.get(REMOVED_AT);
    String deleteAt = state.get(DELETE_AT);
    java.time.Instant due = deleteAt != null ? java.time.Instant.parse(deleteAt)
        : at != null ? java.time.Instant.parse(at).plus(REMOVED_GRACE) : null;
    if (due == null || due.isAfter(clock.instant()) || entries.containsKey(zone)) {
      return false;
    }
    store.delete(zone);
    log.info("zone {}: data deleted; it {} at {}", zone, state.containsKey(CATALOG_MEMBER) ? "left its catalog"
        : "left the configuration", at);
    return true;
  }

  /** Loads a primary zone's data: from its file, or, for a managed zone, from the store; a signed zone's re-signing starts. */
  public ReloadResult load(Entry e) {
    ReloadResult r = loadData(e);
    if (signers.containsKey(e.config.name()) && e.served.snapshot() != null) {
      signing.start(e.config.name());
    }
    return r;
  }

  private ReloadResult loadData(Entry e) {
    String signerProblem = signerProblems.get(e.config.name());
    if (signerProblem != null) {
      return serveStoredUnsigned(e, signerProblem);
    }
    if (e.config.file() != null) {
      return fileZones.load(e.config, changePolicy(e.config.name()));
    }
    try {
      List<String> unreadable = new java.util.ArrayList<>();
      Optional<ZoneSnapshot> stored = StoredSnapshots.read(store, e.config.name(), unreadable);
      if (stored.isPresent() && !unreadable.isEmpty()) {
        // the store is the only copy: write back what could be read, so that it is whole again
        pipeline.repair(e.served, stored.get(), "api", "startup, " + unreadable.size() + " unreadable record(s) left out");
        return new ReloadResult(e.config.name(), true, true, stored.get().serial(),
            "loaded from the store without " + unreadable.size() + " unreadable record(s); see the log");
      }
      if (stored.isPresent()) {
        pipeline.restore(e.served, stored.get(), "startup");
        startupLines.zone(log, "zone {}: serving the stored version, serial {} ({} records)", e.config.name(), stored.get().serial(),
            stored.get().recordCount());
        return new ReloadResult(e.config.name(), true, false, stored.get().serial(), "loaded from the store");
      }
      if (e.config.producesCatalog()) {
        return new ReloadResult(e.config.name(), true, false, -1, "catalog written once its members are known");
      }
      log.warn("zone {}: managed through the API and has no data yet; create it with `tandem zone add` or the API",
          e.config.name());
      return new ReloadResult(e.config.name(), true, false, -1, "no data yet");
    } catch (StoreException ex) {
      log.error("zone {}: cannot read the stored version, so it is not served: {}. To repair: create it again through"
          + " the API (DELETE, then POST its content, e.g. from a `tandem zone export` of a secondary), or restore the data"
          + " directory from a backup", e.config.name(), ex.getMessage());
      return new ReloadResult(e.config.name(), false, false, -1, ex.getMessage());
    }
  }

  /**
   * A zone that must be signed but cannot be (its keys are missing): the last stored version is
   * served as it is (it was signed, and its signatures hold for a while), never the unsigned file,
   * which would fail validation behind a DS at the parent.
   */
  private ReloadResult serveStoredUnsigned(Entry e, String problem) {
    try {
      Optional<ZoneSnapshot> stored = StoredSnapshots.read(store, e.config.name());
      if (stored.isPresent()) {
        pipeline.restore(e.served, stored.get(), "startup (keys unusable)");
        log.error("zone {}: {}; serving the stored version, serial {}, without re-signing", e.config.name(), problem,
            stored.get().serial());
        return new ReloadResult(e.config.name(), false, false, stored.get().serial(), problem);
      }
    } catch (StoreException ex) {
      problem = problem + "; the stored version is unusable too: " + ex.getMessage();
    }
    log.error("zone {}: not served: {}", e.config.name(), problem);
    return new ReloadResult(e.config.name(), false, false, -1, problem);
  }

  /**
   * Re-registers the zones created through the API, from their settings in the store, without
   * loading them; returns the primaries among them, for the caller to {@link #load} (in parallel).
   */
  public List<Entry> restoreApiZones(ConfigLoader loader) throws StoreException {
    return restoreApiZones(loader, store.zones());
  }

  /** As above, for the zones of the store listed already ({@code stored}). */
  public List<Entry> restoreApiZones(ConfigLoader loader, List<StoredZoneInfo> stored) throws StoreException {
    List<Entry> primaries = new ArrayList<>();
    for (StoredZoneInfo info : stored) {
      if (entries.containsKey(info.name())) {
        continue;
      }
      Map<String, String> state = store.state(info.name());
      String settings = state.get(SETTINGS);
      if (settings == null && state.containsKey(REMOVED_AT)) {
        continue; // left the config file: kept for REMOVED_GRACE, see purgeRemoved
      }
      if (settings == null && state.containsKey(CATALOG_MEMBER)) {
        catalogMembersInStore.add(info.name()); // its catalog provisions it, see CatalogConsumers
        continue;
      }
      if (settings == null) {
        log.warn("zone {} is in the store but neither in the config nor created through the API; not served "
            + "(add it to the config, or delete it with `tandem zone rm`)", info.name());
        continue;
      }
      try {
        Entry e = register(loader.readZone(settings, "stored settings of " + info.name()), Source.API);
        if (e.secondary == null) {
          primaries.add(e);
        }
      } catch (ConfigException ex) {
        log.error("zone {}: its stored settings are unusable: {}", info.name(), ex.getMessage());
      }
    }
    return primaries;
  }

  /**
   * Creates a primary zone through the API with {@code initial} as its first version, or fills a
   * managed zone declared in the config that has no data yet.
   */
  public synchronized Entry createPrimary(ZoneConfig z, ZoneSnapshot initial, org.tandemdns.store.Actor actor)
      throws ZoneRegistryException, StoreException, ChangeRejectedException {
    Entry existing = entries.get(z.name());
    if (existing != null && !(existing.config.managed() && existing.served.snapshot() == null)) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + z.name() + " already exists");
    }
    Entry e = existing;
    if (e == null) {
      // synced by the first version's commit just below (or removed by forget when that fails)
      store.putStateBeforeCommit(z.name(), SETTINGS, ZoneConfigJson.write(z));
      e = register(z, Source.API);
    }
    try {
      pipeline.replace(e.served, initial, changePolicy(z.name()), "api", "", "created through the API", actor);
      if (signers.containsKey(z.name())) {
        signing.start(z.name());
      }
    } catch (StoreException | ChangeRejectedException ex) {
      if (existing == null) {
        forget(z.name());
      }
      throw ex;
    }
    refreshCatalogs();
    return e;
  }

  /** Creates a secondary zone through the API; its first transfer starts at once. */
  public synchronized Entry createSecondary(ZoneConfig z) throws ZoneRegistryException, StoreException {
    if (entries.containsKey(z.name())) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + z.name() + " already exists");
    }
    store.putState(z.name(), SETTINGS, ZoneConfigJson.write(z));
    Entry e = register(z, Source.API);
    refreshCatalogs();
    return e;
  }

  /** Deletes a zone created through the API: no longer served, its data and journal removed. */
  public synchronized void delete(Name zone) throws ZoneRegistryException, StoreException {
    Entry e = entries.get(zone);
    if (e == null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.NOT_FOUND, "no zone " + zone);
    }
    if (e.source == Source.CONFIG) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.READ_ONLY,
          "zone " + zone + " is defined in the config file; take it out of the file and run `tandem reload --config` (or send SIGHUP)");
    }
    if (e.source == Source.CATALOG) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.READ_ONLY, "zone " + zone + " is a member of a catalog consumed"
          + " here; remove it from the catalog at its producer, and this server drops it");
    }
    forget(zone);
    store.delete(zone);
    log.info("zone {}: deleted through the API", zone);
    refreshCatalogs();
  }

  private void forget(Name zone) {
    signing.stop(zone);
    signers.remove(zone);
    signerProblems.remove(zone);
    Entry e = entries.remove(zone);
    if (e != null && e.secondary != null) {
      e.secondary.stop();
    }
    table.remove(zone);
  }

  /** {@code declared} (a zone of the config file) with the role promote/demote gave it, while that role holds. */
  private ZoneConfig withRole(ZoneConfig declared) throws StoreException {
    String text = store.state(declared.name()).get(ROLE);
    if (text == null) {
      return declared;
    }
    try {
      ZoneRoles.Override role = ZoneRoles.Override.read(text);
      String what = role.role() == ZoneType.PRIMARY ? "promoted to primary" : "demoted to secondary of " + role.primaries();
      if (!role.holdsOver(declared)) {
        store.putState(declared.name(), ROLE, null);
        log.info("zone {}: was {} at {}; its type or primaries in the config file changed since, so the file's settings apply"
            + " now", declared.name(), what, role.at());
        return declared;
      }
      ZoneConfig z = role.applyTo(declared);
      log.warn("zone {}: {} at {} (`tandem zone {}`); the config file says {}: write the new role into the file to make it"
          + " permanent", declared.name(), what, role.at(), role.role() == ZoneType.PRIMARY ? "promote" : "demote",
          declared.type() == ZoneType.PRIMARY ? "primary" : "secondary of " + declared.primaries());
      return z;
    } catch (ConfigException ex) {
      log.error("zone {}: {}; the config file's settings apply", declared.name(), ex.getMessage());
      return declared;
    }
  }

  /**
   * Makes a secondary zone a primary managed through the API ({@code tandem zone promote}), keeping
   * its data and journal: its own secondaries continue by IXFR, and its serial goes on upward from
   * the one it has. The role survives restarts ({@link ZoneRoles}).
   *
   * @param allowUpdate who may change it by RFC 2136 UPDATE from now on (empty: the API only)
   */
  public synchronized Entry promote(Name zone, List<org.tandemdns.security.AclEntry> allowUpdate)
      throws ZoneRegistryException, StoreException {
    Entry e = existing(zone);
    if (e.secondary == null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + " is a primary already");
    }
    if (e.source == Source.CATALOG || e.config.consumesCatalog()) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + (e.source == Source.CATALOG
          ? " is provisioned by a catalog, which would drop it again; declare it in the config file first (type: secondary),"
          + " then promote it" : " is a catalog consumer; a catalog is written by its producer"));
    }
    ZoneSnapshot s = e.served.snapshot();
    if (s == null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + " has no data yet (it was never"
          + " transferred), so there is nothing to promote; create it as a primary instead (`tandem zone add --file`)");
    }
    if (e.secondary.status().refreshing()) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + ": a refresh from its primaries"
          + " is under way; promote it when that has ended (`tandem zone show " + zone + "`)");
    }
    ZoneConfig promoted = newRole(e, ZoneType.PRIMARY, List.of(), allowUpdate);
    e.secondary.stop();
    org.tandemdns.events.SecondaryZone.forgetRefreshState(store, zone);
    boolean expired = e.served.expired();
    e.served.markExpired(false);
    Entry n = new Entry(promoted, e.source, e.served, null);
    entries.put(zone, n);
    log.warn("zone {}: promoted to primary at serial {}{} (it was a secondary of {}); it takes changes through the API{} from now"
        + " on, and its secondaries continue by IXFR", zone, s.serial(), expired ? ", its expired copy served again" : "",
        e.config.primaries(), allowUpdate.isEmpty() ? "" : " and UPDATE from " + allowUpdate);
    return n;
  }

  /**
   * Makes a primary zone managed through the API a secondary of {@code primaries} ({@code tandem
   * zone demote}), keeping its data. Unless {@code force}, the first primary must serve the zone at
   * our serial or a newer one: a secondary never goes back to an older serial, so following an older
   * primary would lose nothing but would never follow it either, and the changes made here would be
   * missing there.
   */
  public Entry demote(Name zone, List<org.tandemdns.config.Remote> primaries, boolean force)
      throws ZoneRegistryException, StoreException {
    Entry e = existing(zone);
    if (e.secondary != null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + " is a secondary already (of "
          + e.config.primaries() + ")");
    }
    if (e.config.file() != null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + " is served from its file "
          + e.config.file() + "; make it a secondary in the config file instead (type: secondary, primaries: [...])");
    }
    if (primaries.isEmpty()) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.INVALID, "name the zone's new primary (--primary ADDR[:PORT] [key NAME])");
    }
    ZoneSnapshot ours = e.served.snapshot();
    if (ours != null && !force) {
      PrimaryClient.SoaProbe probe = client.querySoa(zone, primaries.get(0));
      if (probe instanceof PrimaryClient.SoaProbe.Failure f) {
        throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + ": " + primaries.get(0)
            + " does not serve it (" + f.reason() + "); it must serve serial " + ours.serial() + " or newer before this"
            + " server follows it (--force to demote anyway)");
      }
      long theirs = ((PrimaryClient.SoaProbe.Answer) probe).soa().getSerial();
      if (org.tandemdns.zone.SerialNumber.isNewer(ours.serial(), theirs)) {
        throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + ": " + primaries.get(0)
            + " serves serial " + theirs + ", older than ours (" + ours.serial() + "): the changes made here are not there,"
            + " and a secondary never goes back to an older serial. Give it this zone first (`tandem zone export " + zone
            + "`), or --force");
      }
    }
    synchronized (this) {
      if (entries.get(zone) != e) {
        throw new ZoneRegistryException(ZoneRegistryException.Kind.CONFLICT, "zone " + zone + " changed meanwhile; try again");
      }
      ZoneConfig demoted = newRole(e, ZoneType.SECONDARY, primaries, List.of());
      org.tandemdns.events.SecondaryZone.forgetRefreshState(store, zone);
      SecondaryZone secondary = new SecondaryZone(demoted, e.served, pipeline, store, client, scheduler, clock,
          new SplittableRandom(), () -> changePolicy(zone));
      Entry n = new Entry(demoted, e.source, e.served, secondary);
      entries.put(zone, n);
      log.warn("zone {}: demoted to secondary of {}{}; it no longer takes changes through the API or UPDATE", zone, primaries,
          ours == null ? "" : " at serial " + ours.serial() + (force ? " (forced)" : ""));
      secondary.start(startupLines);
      return n;
    }
  }

  private Entry existing(Name zone) throws ZoneRegistryException {
    Entry e = entries.get(zone);
    if (e == null) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.NOT_FOUND, "no zone " + zone);
    }
    return e;
  }

  /**
   * The zone's settings in its new role, persisted before they are used: an API zone's stored
   * settings rewritten; for a zone of the config file, the role kept beside its data, or dropped when
   * the file gives the zone that role already.
   */
  private ZoneConfig newRole(Entry e, ZoneType role, List<org.tandemdns.config.Remote> primaries,
      List<org.tandemdns.security.AclEntry> allowUpdate) throws ZoneRegistryException, StoreException {
    Name zone = e.config.name();
    try {
      ZoneConfig next = role == ZoneType.PRIMARY ? ZoneRoles.promoted(e.config, allowUpdate) : ZoneRoles.demoted(e.config, primaries);
      if (e.source == Source.API) {
        store.putState(zone, SETTINGS, ZoneConfigJson.write(next));
        return next;
      }
      ZoneConfig file = declared.get(zone);
      boolean fileSaysSo = role == ZoneType.PRIMARY ? file.type() == ZoneType.PRIMARY
          : file.type() == ZoneType.SECONDARY && file.primaries().equals(primaries);
      if (fileSaysSo) {
        store.putState(zone, ROLE, null);
        return file;
      }
      ZoneRoles.Override o = role == ZoneType.PRIMARY ? ZoneRoles.Override.promotion(file, allowUpdate, clock.instant())
          : ZoneRoles.Override.demotion(file, primaries, clock.instant());
      next = o.applyTo(file);
      store.putState(zone, ROLE, o.write());
      return next;
    } catch (ConfigException ex) {
      throw new ZoneRegistryException(ZoneRegistryException.Kind.INVALID, ex.getMessage());
    }
  }

  private volatile CatalogConsumers consumers;

  /**
   * The audit history of {@code zone}: its newest journal entries older than {@code beforeSeq}
   * (0: the newest), newest first, with who made each one.
   */
  public List<org.tandemdns.store.HistoryEntry> history(Name zone, int limit, long beforeSeq) throws StoreException {
    return store.history(zone, limit, beforeSeq);
  }

  /** The catalog consumers working on this registry's zones. */
  void consumers(CatalogConsumers consumers) {
    this.consumers = consumers;
  }

  /** What the last version of {@code catalog} consumed here gave, or null when it is not a catalog consumed here. */
  public CatalogConsumerStatus catalogStatus(Name catalog) {
    CatalogConsumers c = consumers;
    return c == null ? null : c.status(catalog);
  }

  /** The consumed catalog that provisioned {@code member}, or null. */
  public Name catalogOwner(Name member) {
    CatalogConsumers c = consumers;
    return c == null ? null : c.ownerOf(member);
  }

  /** Registers a member provisioned from a catalog ({@link CatalogConsumers}); refused when the name is taken meanwhile. */
  synchronized Entry registerMember(ZoneConfig z) throws StoreException {
    if (entries.containsKey(z.name())) {
      return null;
    }
    return registerAs(z, Source.CATALOG);
  }

  /** A catalog member's settings changed (its group, or the consumer's templates): the same data, a new refresh state machine if needed. */
  synchronized Entry updateMember(ZoneConfig z) throws StoreException {
    Entry old = entries.get(z.name());
    if (old == null || old.source != Source.CATALOG) {
      return null;
    }
    return withSettings(old, z);
  }

  /** Stops serving a catalog member (it left its catalog, or is reset); its data stays unless the caller deletes it. */
  synchronized void forgetMember(Name zone) {
    Entry e = entries.get(zone);
    if (e != null && e.source == Source.CATALOG) {
      forget(zone);
    }
  }

  /**
   * Writes every catalog zone this server produces (RFC 9432) from the zones naming it now: through
   * the change pipeline, so a member added or removed is one IXFR of the catalog for its consumers,
   * and nothing is committed when the members are the same. Called once the zones are loaded and
   * whenever zones are added, removed or change their {@code catalog:}.
   *
   * <p>A catalog that members are moving from is written first, so that its {@code coo} (RFC 9432
   * §5.6) reaches consumers before the member shows up in the new catalog: BIND 9.18 ignores a
   * member listed by a second catalog without that {@code coo}, and does not look again later.
   */
  public synchronized void refreshCatalogs() {
    java.util.Set<Name> movedFrom = entries.values().stream()
        .filter(m -> m.config.catalog() != null && m.config.catalog().movedFrom() != null)
        .map(m -> m.config.catalog().movedFrom()).collect(java.util.stream.Collectors.toSet());
    List<Entry> producers = entries.values().stream().filter(e -> e.config.producesCatalog())
        .sorted(java.util.Comparator.comparing((Entry e) -> !movedFrom.contains(e.config.name()))).toList();
    for (Entry c : producers) {
      Name catalog = c.config.name();
      // its members, and the zones moving from it to another catalog, listed with coo (RFC 9432 §5.6)
      List<org.tandemdns.catalog.CatalogZone.Member> members = entries.values().stream()
          .filter(m -> m.config.catalog() != null
              && (m.config.catalog().zone().equals(catalog) || catalog.equals(m.config.catalog().movedFrom())))
          .map(m -> {
            org.tandemdns.config.CatalogMembership in = m.config.catalog();
            return new org.tandemdns.catalog.CatalogZone.Member(m.config.name(), in.group(),
                in.zone().equals(catalog) ? null : in.zone(), in.ext());
          })
          .sorted(java.util.Comparator.comparing(org.tandemdns.catalog.CatalogZone.Member::zone)).toList();
      ZoneSnapshot current = c.served.snapshot();
      ZoneChangePolicy policy = new ZoneChangePolicy(org.tandemdns.zone.SerialPolicy.INCREMENT, c.config.journalRetention());
      String cause = "catalog of " + members.size() + " member zone(s)";
      try {
        org.tandemdns.zone.ZoneDiff diff = current == null ? null : org.tandemdns.catalog.CatalogZone.changes(current, members);
        if (diff != null && !diff.changesContent()) {
          continue;
        }
        org.tandemdns.store.Actor actor = org.tandemdns.store.Actor.internal("catalog", cause);
        org.tandemdns.change.CommitOutcome o = diff != null ? pipeline.applyDiffs(c.served, List.of(diff), policy, "catalog", cause, actor)
            : pipeline.replace(c.served, org.tandemdns.catalog.CatalogZone.build(catalog, members,
                current == null ? clock.instant().getEpochSecond() & 0xFFFFFFFFL : current.serial()), policy, "catalog", "", cause, actor);
        if (o.changed()) {
          log.info("catalog {}: {} member zone(s), serial {}", catalog, members.size(), o.serial());
        }
      } catch (ChangeRejectedException | StoreException | RuntimeException ex) {
        log.error("catalog {}: cannot write it ({}); its consumers keep the previous version", catalog, ex.getMessage());
      }
    }
  }

  /** Stops every secondary's timers. */
  public void stop() {
    entries.keySet().forEach(signing::stop);
    entries.values().forEach(e -> {
      if (e.secondary != null) {
        e.secondary.stop();
      }
    });
  }

}
