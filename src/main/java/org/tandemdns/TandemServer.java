package org.tandemdns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.api.ApiBackend;
import org.tandemdns.dnssec.SignatureWatch;
import org.tandemdns.api.ApiServer;
import org.tandemdns.api.ApiTokens;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.FileZones;
import org.tandemdns.change.ZoneFilePrefetch;
import org.tandemdns.change.ReloadResult;
import org.tandemdns.config.ConfigChanges;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.KeyConfig;
import org.tandemdns.config.MonitorConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.events.ExecutorScheduler;
import org.tandemdns.events.SecondaryZone;
import org.tandemdns.logging.StartupLines;
import org.tandemdns.notify.NotifyReceiver;
import org.tandemdns.notify.NotifySender;
import org.tandemdns.monitor.AlertFile;
import org.tandemdns.monitor.AlertSink;
import org.tandemdns.monitor.DnsZoneChecker;
import org.tandemdns.monitor.Monitor;
import org.tandemdns.monitor.WebhookSender;
import org.tandemdns.propagation.PropagationTracker;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.security.TsigKey;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.security.TsigResponses;
import org.tandemdns.security.TsigVerifier;
import org.tandemdns.server.AnswerCache;
import org.tandemdns.server.DnsServer;
import org.tandemdns.server.QueryMetrics;
import org.tandemdns.server.RequestDispatcher;
import org.tandemdns.server.TransportSettings;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.Providers;
import org.tandemdns.sync.push.PushService;
import org.tandemdns.sync.push.PushStatus;
import org.tandemdns.update.UpdateProcessor;
import org.tandemdns.xfr.DnsPrimaryClient;
import org.tandemdns.xfr.TransferResponder;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Name;

/**
 * The assembly: builds every part of a running Tandem from its configuration with plain
 * constructors, starts it, and stops it. No other class wires objects together.
 */
public final class TandemServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TandemServer.class);
  /** Answers kept rendered for repeated questions, and the bytes they may take. */
  private static final int ANSWER_CACHE_ENTRIES = 1 << 18;
  private static final long ANSWER_CACHE_BYTES = 64L << 20;
  private static final java.time.Duration EXPIRY_CHECK_INTERVAL = java.time.Duration.ofHours(1);
  /** How often a long start-up says how far it is. */
  private static final java.time.Duration LOAD_PROGRESS_EVERY = java.time.Duration.ofSeconds(10);

  /** The running configuration: its zones and keys follow {@link #reconfigure}, the rest is read at start. */
  private volatile TandemConfig config;
  /** Re-reads the configuration file, or null when there is none (the embedded default, {@code --zone}). */
  private volatile java.util.concurrent.Callable<TandemConfig> configSource;
  private final Clock clock;
  private final ZoneTable zones = new ZoneTable();
  private final TsigKeyRing keys;
  private final org.tandemdns.xfr.TlsProfiles tlsProfiles = new org.tandemdns.xfr.TlsProfiles();
  private final org.tandemdns.server.TlsListenerContext tlsListener = new org.tandemdns.server.TlsListenerContext();
  private final List<InetSocketAddress> tlsAddresses = new ArrayList<>();
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private final ExecutorService reloads = Executors.newSingleThreadExecutor(daemon("reload"));
  /** UPDATEs being applied; at most 1,024 wait (then SERVFAIL): allow-update by address alone is spoofable over UDP. */
  private final ExecutorService updates = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
      new java.util.concurrent.LinkedBlockingQueue<>(1024), daemon("update"));
  private final AtomicBoolean reloadPending = new AtomicBoolean();
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ZoneStore store;
  private ChangePipeline pipeline;
  private FileZones fileZones;
  private final StartupLines startupLines = new StartupLines();
  private ZoneFilePrefetch prefetch;
  private ZoneRegistry registry;
  private CatalogConsumers catalogConsumers;
  private NotifySender notifier;
  private ExecutorScheduler scheduler;
  private DnsServer dns;
  private Monitor monitor;
  private ApiServer api;
  private ExecutorScheduler pushScheduler;
  private PushService push;
  private final PropagationTracker propagation;
  private final SignatureWatch signatures;
  private int loadFailures;

  private TandemServer(TandemConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.keys = new TsigKeyRing(config.keys().stream().map(KeyConfig::toTsigKey).toList());
    this.propagation = new PropagationTracker(clock);
    this.signatures = new SignatureWatch(clock, config.server().dnssecExpiryWarning());
  }

  /** Starts Tandem: opens the store, binds every listener, then loads every zone. */
  public static TandemServer start(TandemConfig config) throws IOException {
    return start(config, Clock.systemUTC());
  }

  /** As {@link #start(TandemConfig)}, with the clock every timer reads. */
  public static TandemServer start(TandemConfig config, Clock clock) throws IOException {
    TandemServer server = new TandemServer(config, clock);
    try {
      server.startUp();
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startUp() throws IOException {
    var s = config.server();
    prefetch = ZoneFilePrefetch.start(config.zones()); // big files are read while the rest starts
    Files.createDirectories(s.dataDir());
    try {
      store = SqliteZoneStore.open(s.dataDir());
    } catch (StoreException e) {
      throw new IOException("cannot open the store in " + s.dataDir() + ": " + e.getMessage(), e);
    }
    pipeline = new ChangePipeline(store, clock);
    fileZones = new FileZones(zones, pipeline, store, prefetch, startupLines);
    scheduler = new ExecutorScheduler(clock, s.maxTransfersIn());
    List<String> tlsProblems = tlsProfiles.load(config.tls());
    if (!tlsProblems.isEmpty()) {
      throw new IOException(String.join("\n", tlsProblems));
    }
    registry = new ZoneRegistry(zones, pipeline, store, fileZones, new DnsPrimaryClient(keys, tlsProfiles, clock).withMetrics(metrics),
        scheduler, clock, new org.tandemdns.dnssec.ZoneSigners(s.dataDir().resolve("keys"), p -> config.dnssecPolicy(p), clock),
        startupLines);
    TransferResponder transfers = new TransferResponder(zones, store, registry::transferAcl, s.maxTransfersOut(), clock, propagation)
        .withMetrics(metrics);
    UpdateProcessor updateProcessor = new UpdateProcessor(zones, pipeline, registry::updatePolicy, updates).withMetrics(metrics);
    RequestDispatcher dispatcher = new RequestDispatcher(new AnswerEngine(zones, clock), transfers,
        new NotifyReceiver(registry::notifyAccess).withMetrics(metrics), updateProcessor, new TsigVerifier(keys, clock),
        new TsigResponses(clock), config.server().cookieSecret() == null ? org.tandemdns.security.ServerCookies.random(clock)
        : new org.tandemdns.security.ServerCookies(java.util.HexFormat.of().parseHex(config.server().cookieSecret()), clock))
        .withMetrics(new QueryMetrics(metrics)).silentUntilReady();
    AnswerCache answers = new AnswerCache(ANSWER_CACHE_ENTRIES, ANSWER_CACHE_BYTES, zones::generation);
    dns = new DnsServer(dispatcher, new TransportSettings(s.ioThreads(), s.tcpIdleTimeout(), s.maxTcpConnections(),
        s.tcpMessageTimeout(), s.maxTcpConnectionsPerClient(), s.rateLimit()), answers);
    for (HostPort listen : s.listen()) {
      addresses.add(dns.listen(listen.toSocketAddress()));
    }
    if (!config.tls().listen().isEmpty()) {
      tlsListener.load(config.tls());
      for (HostPort listen : config.tls().listen()) {
        tlsAddresses.add(dns.listenTls(listen.toSocketAddress(), tlsListener));
      }
    }
    notifier = new NotifySender(registry::notifyPlan, keys, new java.util.HashSet<>(addresses), clock, propagation)
        .withMetrics(metrics);
    pipeline.addListener(propagation);
    pipeline.addListener(notifier);
    pipeline.addListener(c -> signatures.served(c.zone(), c.current()));
    catalogConsumers = new CatalogConsumers(registry, store, clock);
    pipeline.addListener(catalogConsumers);
    scheduleExpiryChecks();
    startPush();
    registerZones(dispatcher);
    if (config.monitor() != null) {
      monitor = monitor(config.monitor());
      monitor.start();
    }
    startApi();
  }

  /** Every hour, warns of zones whose signatures expire within {@code server.dnssec-expiry-warning}. */
  private void scheduleExpiryChecks() {
    scheduler.schedule(clock.instant().plus(EXPIRY_CHECK_INTERVAL), () -> {
      signatures.checkExpiries();
      scheduleExpiryChecks();
    });
  }

  /**
   * Continuous push ({@code push-to:} on primary zones), when {@code sync.providers} lists any: told
   * of every commit, it pushes on its own two workers.
   */
  private void startPush() {
    if (config.sync().providers().isEmpty()) {
      return;
    }
    Map<Name, TsigKey> tsig = new HashMap<>();
    config.keys().forEach(k -> tsig.put(k.name(), k.toTsigKey()));
    Map<String, Provider> providers = new HashMap<>();
    config.sync().providers().forEach(p -> providers.put(p.name(),
        Providers.create(p, n -> Optional.ofNullable(tsig.get(n)), clock)));
    pushScheduler = new ExecutorScheduler(clock, 2, "push");
    push = new PushService(providers, this::pushTargets, z -> {
      ServedZone served = zones.get(z);
      return served == null ? null : served.snapshot();
    }, store, pushScheduler, clock, config.sync().push(), metrics);
    pipeline.addListener(push);
  }

  private List<String> pushTargets(Name zone) {
    ZoneRegistry.Entry e = registry == null ? null : registry.get(zone);
    return e == null ? List.of() : e.config().pushTo();
  }

  /** Where continuous push of {@code zone} stands, per target; empty when it pushes nowhere. */
  public List<PushStatus> pushStatus(Name zone) {
    return push == null ? List.of() : push.status(zone);
  }

  /** The DNSSEC report of the version {@code zone} serves now, or null when it has no data. */
  private org.tandemdns.dnssec.SignedZoneReport dnssecReport(Name zone) {
    var served = zones.get(zone);
    var snapshot = served == null ? null : served.snapshot();
    return snapshot == null ? null : signatures.current(zone, snapshot);
  }

  /** True when {@code name} is a provider under {@code sync.providers}, i.e. a valid {@code push-to} target. */
  private boolean pushTargetDefined(String name) {
    return config.sync() != null && config.sync().providers().stream().anyMatch(p -> p.name().equals(name));
  }

  private org.tandemdns.ui.Console console;

  /** The web console at /ui on the API's listener. */
  private org.tandemdns.ui.Console console() {
    console = new org.tandemdns.ui.Console(new org.tandemdns.ui.ConsoleServices(registry, propagation, Optional.ofNullable(monitor),
        notifier, metrics, () -> dnsAddresses().get(0), clock));
    return console;
  }

  /** The HTTP API; a port already in use is reported and DNS keeps running without it. */
  private void startApi() throws IOException {
    ZoneMetrics zoneMetrics = new ZoneMetrics(metrics, registry, store, propagation, signatures, clock);
    ApiBackend backend = new ApiBackend(registry, pipeline, notifier, propagation, this::reload,
        fileZones::reloadAll, Optional.ofNullable(monitor), metrics, zoneMetrics::refresh, fileZones::lastLoad,
        k -> keys.find(k) != null, this::pushTargetDefined,
        name -> config.tls().profile(name) != null, this::pushStatus, this::dnssecReport, this::reconfigureFromSource);
    try {
      api = ApiServer.start(config.api(), ApiTokens.of(config.api(), config.server().dataDir()), config.api().tokens().isEmpty(),
          store instanceof org.tandemdns.store.TokenStore t ? t : null, backend, console());
    } catch (java.net.BindException e) {
      log.error("HTTP API not started: cannot listen on {}: TCP port in use {}; DNS is served without it: set api.listen in"
          + " the config or --api-listen", config.api().listen(),
          org.tandemdns.server.PortHolder.by(config.api().listen().toSocketAddress(), false));
    }
  }

  /** The address the HTTP API listens on, or null when it could not start. */
  public InetSocketAddress apiAddress() {
    return api == null ? null : api.address();
  }

  public PropagationTracker propagation() {
    return propagation;
  }

  /** The consistency monitor of the {@code monitor:} section: checker, webhooks and history file as sinks. */
  private Monitor monitor(MonitorConfig m) {
    List<AlertSink> sinks = new ArrayList<>();
    sinks.add(new WebhookSender(m.webhooks()));
    if (m.keepsHistoryFile()) {
      sinks.add(new AlertFile(m.historyFileIn(config.server().dataDir())));
    }
    return new Monitor(m, clock, new DnsZoneChecker(m, clock), AlertSink.all(sinks), metrics);
  }

  /** Registers the config's zones and the API's, then loads every primary in parallel. */
  private void registerZones(RequestDispatcher dispatcher) throws IOException {
    List<ZoneRegistry.Entry> primaries = new ArrayList<>();
    try {
      List<org.tandemdns.store.StoredZoneInfo> stored = store.zones();
      startupLines.starting(Math.max(config.zones().size(), stored.size()));
      for (ZoneConfig z : config.zones()) {
        ZoneRegistry.Entry e = registry.register(z, ZoneRegistry.Source.CONFIG);
        if (e.secondary() == null) {
          primaries.add(e);
        }
      }
      primaries.addAll(registry.restoreApiZones(new ConfigLoader(), stored));
      catalogConsumers.restore(); // members of consumed catalogs, from the catalogs' stored versions
      registry.purgeRemoved(); // zones taken out of the config file more than REMOVED_GRACE ago
    } catch (StoreException e) {
      throw new IOException("cannot read the store: " + e.getMessage(), e);
    }
    dispatcher.ready(); // every zone is known now: one still loading answers SERVFAIL, not REFUSED
    int threads = Math.max(1, Math.min(primaries.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService loaders = Executors.newFixedThreadPool(threads, daemon("zone-load"));
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    long t0 = System.nanoTime();
    java.util.concurrent.ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("load-progress"));
    progress.scheduleAtFixedRate(() -> log.info("start-up: {} of {} zone(s) loaded after {} s", done.get(), primaries.size(),
        (System.nanoTime() - t0) / 1_000_000_000), LOAD_PROGRESS_EVERY.toSeconds(), LOAD_PROGRESS_EVERY.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
    try {
      List<Future<ReloadResult>> results = new ArrayList<>();
      for (ZoneRegistry.Entry e : primaries) {
        results.add(loaders.submit(() -> {
          try {
            return registry.load(e);
          } finally {
            done.incrementAndGet();
          }
        }));
      }
      for (Future<ReloadResult> f : results) {
        if (!f.get().ok()) {
          loadFailures++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("zone loading failed unexpectedly", e.getCause());
    } finally {
      progress.shutdownNow();
      loaders.shutdownNow();
      prefetch.close(); // a zone whose load was never asked for (none, unless config and registry disagree)
    }
    registry.refreshCatalogs(); // every member is known now
    long secondaries = registry.all().stream().filter(e -> e.secondary() != null).count();
    log.info("start-up: {} zone(s): {} primary zone(s) loaded in {} ms{}, {} secondary zone(s) refreshing", registry.all().size(),
        primaries.size() - loadFailures, (System.nanoTime() - t0) / 1_000_000,
        loadFailures == 0 ? "" : ", " + loadFailures + " failed (see the errors above)", secondaries);
    if (startupLines.quiet()) {
      log.info("start-up: with more than {} zones the line of each is logged at DEBUG (logging.levels: debug for "
          + "org.tandemdns.change.FileZones, org.tandemdns.events.SecondaryZone, org.tandemdns.ZoneRegistry shows them)",
          StartupLines.MOST_ZONES_LISTED);
    }
    startupLines.started();
    compactAfterLoad();
  }

  /**
   * Loading big zones leaves much garbage behind, and the heap grew to hold it. Once loaded, the
   * heap is told to keep little free room (the manageable HotSpot flags MinHeapFreeRatio and
   * MaxHeapFreeRatio, left at their roomy defaults during the load so that it runs fast) and one
   * collection gives the rest back to the system. It pauses answering once, well under a second per
   * million records. Small setups skip it; JVMs without those flags just collect.
   */
  private void compactAfterLoad() {
    long records = registry.all().stream().mapToLong(e -> e.served().snapshot() == null ? 0 : e.served().snapshot().recordCount()).sum();
    if (records < 100_000) {
      return;
    }
    long start = System.nanoTime();
    try {
      var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      hotspot.setVMOption("MinHeapFreeRatio", "10");
      hotspot.setVMOption("MaxHeapFreeRatio", "20");
    } catch (RuntimeException e) {
      log.debug("cannot tighten the heap's free ratios: {}", e.toString());
    }
    System.gc();
    log.info("initial load of {} records done; memory compacted to a {} MB heap in {} ms", records,
        Runtime.getRuntime().totalMemory() >> 20, (System.nanoTime() - start) / 1_000_000);
  }

  /** The refresh state machine of a secondary zone, or null. */
  public SecondaryZone secondary(Name zone) {
    ZoneRegistry.Entry e = registry.get(zone);
    return e == null ? null : e.secondary();
  }

  /** Every zone and its settings. */
  public ZoneRegistry registry() {
    return registry;
  }

  public ChangePipeline pipeline() {
    return pipeline;
  }

  public ZoneStore store() {
    return store;
  }

  /**
   * Where the configuration is re-read from on SIGHUP and {@code tandem reload --config}; without
   * one, only zone files are re-read.
   */
  public void configSource(java.util.concurrent.Callable<TandemConfig> source) {
    this.configSource = source;
  }

  /**
   * SIGHUP: re-reads the configuration file, if there is one, and applies what changed (see
   * {@link #reconfigure}), then every zone file, in the background. Requests arriving while a reload
   * runs are coalesced into one more reload, so a burst of signals costs at most two passes.
   */
  public void requestReload() {
    if (reloadPending.compareAndSet(false, true)) {
      reloads.execute(() -> {
        reloadPending.set(false);
        if (configSource != null) {
          reconfigureFromSource(false);
        }
        List<ReloadResult> results = fileZones.reloadAll();
        long changed = results.stream().filter(ReloadResult::changed).count();
        long failed = results.stream().filter(r -> !r.ok()).count();
        log.info("reload: {} zone(s) read, {} changed, {} failed", results.size(), changed, failed);
      });
    }
  }

  /**
   * Re-reads the configuration file and applies what changed; a file that cannot be used changes
   * nothing (every problem logged and returned).
   *
   * @throws IllegalStateException when the server was started without a configuration file
   */
  public Reconfiguration reconfigureFromSource(boolean purge) {
    java.util.concurrent.Callable<TandemConfig> source = configSource;
    if (source == null) {
      throw new IllegalStateException("this server was started without a configuration file (--config); there is nothing to re-read");
    }
    TandemConfig next;
    try {
      next = source.call();
    } catch (Exception e) {
      log.error("reload: the configuration was not re-read, so nothing of it changed (the zone files are re-read):\n{}",
          e.getMessage());
      return new Reconfiguration(ConfigChanges.nothing(), List.of(e.getMessage().split("\n")), List.of());
    }
    return reconfigure(next, purge);
  }

  /**
   * Applies a new configuration without a restart, without dropping a query: zones added are
   * registered and loaded, zones removed stop being served (their data kept for
   * {@link ZoneRegistry#REMOVED_GRACE} unless {@code purge}), zones changed take their new ACLs,
   * NOTIFY targets, primaries, keys, timers and policies (a secondary refreshes at once; a zone whose
   * type, file-or-API source or signing changed is set up anew from its kept data), and TSIG keys
   * are replaced. Listen addresses and the other start-up settings are reported, not applied.
   */
  public synchronized Reconfiguration reconfigure(TandemConfig next, boolean purge) {
    TandemConfig running = config;
    ConfigChanges changes = ConfigChanges.between(running, next);
    List<String> problems = new ArrayList<>();
    List<ReloadResult> loads = new ArrayList<>();
    if (!changes.keys().isEmpty()) {
      keys.replaceAll(next.keys().stream().map(KeyConfig::toTsigKey).toList());
    }
    problems.addAll(reloadTls(running.tls(), next.tls()));
    config = new TandemConfig(running.server(), next.keys(), next.zones(), running.monitor(), running.api(), running.sync(),
        next.dnssecPolicies(), next.logging(), running.tls().reloaded(next.tls()));
    try {
      for (Name gone : changes.removed()) {
        ZoneRegistry.Entry e = registry.get(gone);
        if (e != null && e.source() == ZoneRegistry.Source.CONFIG) {
          registry.remove(gone, purge);
        }
      }
      for (ConfigChanges.ZoneChange c : changes.changed()) {
        ZoneRegistry.Entry e;
        if (c.rebuilds()) {
          registry.remove(c.after().name(), false);
          e = registry.add(c.after());
        } else {
          e = registry.update(c.after());
        }
        if (e.secondary() == null && (c.rebuilds() || e.config().file() != null)) {
          loads.add(registry.load(e)); // unchanged file: served as it was; moved or edited: committed
        }
        log.info("zone {}: settings changed ({}){}", c.after().name(), String.join(", ", c.keys()),
            c.rebuilds() ? "; set up anew from its kept data" : "");
      }
      for (ZoneConfig z : changes.added()) {
        ZoneRegistry.Entry existing = registry.get(z.name());
        if (existing != null) {
          problems.add("zone " + z.name() + " was added to the configuration but already exists " + (existing.source()
              == ZoneRegistry.Source.CATALOG ? "(provisioned by catalog " + registry.catalogOwner(z.name()) + "); not added:"
              + " remove it from that catalog first" : "(created through the API); not added: remove it with `tandem zone rm`"
              + " first") + ", or take it out of the file");
          continue;
        }
        ZoneRegistry.Entry e = registry.add(z);
        if (e.secondary() == null) {
          loads.add(registry.load(e));
        }
        log.info("zone {}: added to the configuration, {}", z.name(), e.secondary() == null ? "loaded" : "first transfer started");
      }
      catalogConsumers.reconfigured();
      registry.purgeRemoved();
      registry.refreshCatalogs();
      if (!changes.keys().isEmpty()) {
        registry.keysChanged(changes.keys().stream().map(Name::fromConstantString).collect(java.util.stream.Collectors.toSet()));
      }
    } catch (StoreException e) {
      problems.add("the store failed while applying the configuration: " + e.getMessage());
    }
    problems.forEach(p -> log.error("reload: {}", p));
    log.info("reload: configuration re-read: {}", changes.summary());
    return new Reconfiguration(changes, problems, loads);
  }

  /**
   * Reads the TLS files again (a renewed certificate needs no restart): the listener's certificate,
   * key and client CA, and every profile's. What cannot be read changes nothing and is returned.
   * The listener's addresses are applied at the next start.
   */
  private List<String> reloadTls(org.tandemdns.config.TlsConfig running, org.tandemdns.config.TlsConfig next) {
    List<String> problems = new ArrayList<>(tlsProfiles.load(next));
    if (!running.listen().isEmpty() && next.certificate() != null) {
      try {
        tlsListener.load(next);
        log.info("reload: TLS certificate {} read", next.certificate());
      } catch (IOException e) {
        problems.add("the TLS listener keeps its certificate: " + e.getMessage());
      }
    }
    if (!running.listen().equals(next.listen())) {
      log.warn("reload: tls.listen changed; the TLS listener's addresses change at the next restart");
    }
    return problems;
  }

  /** Re-reads one file zone now, on the caller's thread. */
  public ReloadResult reload(Name zone) {
    return fileZones.reload(zone);
  }

  /** The addresses of the TLS listener (DoT, XoT), with the ports actually bound; empty without one. */
  public List<InetSocketAddress> tlsAddresses() {
    return List.copyOf(tlsAddresses);
  }

  /** The addresses DNS is served on, with the ports actually bound. */
  public List<InetSocketAddress> dnsAddresses() {
    return List.copyOf(addresses);
  }

  public ZoneTable zones() {
    return zones;
  }

  public NotifySender notifier() {
    return notifier;
  }

  /** Zones configured but not served because they failed to load. */
  public int loadFailures() {
    return loadFailures;
  }

  /** The metrics registry, in Prometheus form; the API serves it at /metrics. */
  public MeterRegistry metrics() {
    return metrics;
  }

  /** The consistency monitor, when configured: its {@code history()} and {@code latest()} are for the API. */
  public Optional<Monitor> monitor() {
    return Optional.ofNullable(monitor);
  }

  @Override
  public void close() {
    if (prefetch != null) {
      prefetch.close();
    }
    if (api != null) {
      api.close();
    }
    if (console != null) {
      console.close();
    }
    if (monitor != null) {
      monitor.close();
    }
    reloads.shutdownNow();
    updates.shutdownNow();
    if (catalogConsumers != null) {
      catalogConsumers.close();
    }
    if (registry != null) {
      registry.stop();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (push != null) {
      push.close();
    }
    if (pushScheduler != null) {
      pushScheduler.close();
    }
    if (dns != null) {
      dns.close();
    }
    if (notifier != null) {
      notifier.close();
    }
    if (store != null) {
      store.close();
    }
    signatures.close();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
